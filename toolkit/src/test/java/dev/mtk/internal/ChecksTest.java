package dev.mtk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void zeroAndMoreAreNotNegative() {
        assertThat(Checks.notNegative("idle seconds", 0)).isZero();
        assertThat(Checks.notNegative("idle seconds", 7)).isEqualTo(7);
    }

    @Test
    void aNegativeValueIsRefusedWithTheSettingsNameAndValue() {
        assertThatThrownBy(() -> Checks.notNegative("I/O threads", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("I/O threads must not be negative: -1");
    }

    @Test
    void aPortOutsideTheTcpRangeIsRefusedWithTheRangeAndValue() {
        assertThatThrownBy(() -> Checks.port("target port", 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target port must be between 1 and 65535: 0");
        assertThatThrownBy(() -> Checks.port("port", 65536, true))
                .hasMessage("port must be between 0 and 65535: 65536");
    }

    @Test
    void portZeroIsAFreePortWhereAllowed() {
        assertThat(Checks.port("listen port", 0, true)).isZero();
        assertThat(Checks.port("port", 65535, false)).isEqualTo(65535);
    }
}
