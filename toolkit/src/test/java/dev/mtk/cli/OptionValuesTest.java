package dev.mtk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OptionValuesTest {

    @Test
    void bytesTakeKibAndMibAsPowersOf1024() {
        assertThat(OptionValues.bytes("--max-frame", "64KiB")).isEqualTo(65536);
        assertThat(OptionValues.bytes("--max-frame", "1m")).isEqualTo(1 << 20);
    }

    @Test
    void bytesPastTheLimitNameTheLimit() {
        assertThatThrownBy(() -> OptionValues.bytes("--max-frame", "3000MiB"))
                .isInstanceOf(UsageException.class)
                .hasMessage("invalid --max-frame '3000MiB': too large, at most 2147483583 bytes (2047MiB)");
    }

    @Test
    void bytesWithMoreDigitsThanALongHoldsAreTooLargeNotACrash() {
        assertThatThrownBy(() -> OptionValues.bytes("--max-frame", "99999999999999999999999"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("too large, at most 2147483583 bytes");
    }

    @Test
    void bytesAtTheLimitAreAccepted() {
        assertThat(OptionValues.bytes("--max-frame", "2147483583")).isEqualTo(OptionValues.MAX_BYTES);
    }

    @Test
    void aDurationThatIsNotOneNamesTheOptionAndWhatItTakes() {
        assertThatThrownBy(() -> OptionValues.duration("--timeout", "5h"))
                .isInstanceOf(UsageException.class)
                .hasMessage("invalid --timeout '5h': expected a positive number of seconds (5, 0.5) or a number with "
                        + "ms, s or m (500ms, 2m)");
    }

    @Test
    void anAddressThatIsNotOneNamesTheOptionAndThePortsItTakes() {
        assertThatThrownBy(() -> OptionValues.address("--target", ":7373", "127.0.0.1", false))
                .isInstanceOf(UsageException.class)
                .hasMessage("invalid --target ':7373': expected HOST:PORT or PORT, the port from 1 to 65535");
    }
}
