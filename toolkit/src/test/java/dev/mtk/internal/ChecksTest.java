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
}
