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
}
