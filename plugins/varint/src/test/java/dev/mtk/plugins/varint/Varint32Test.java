package dev.mtk.plugins.varint;

import static dev.mtk.plugins.varint.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Varint32Test {

    @Test
    void sizeGrowsByOneByteEverySevenBits() {
        assertThat(Varint32.size(0)).isEqualTo(1);
        assertThat(Varint32.size(127)).isEqualTo(1);
        assertThat(Varint32.size(128)).isEqualTo(2);
        assertThat(Varint32.size((1 << 14) - 1)).isEqualTo(2);
        assertThat(Varint32.size(1 << 14)).isEqualTo(3);
        assertThat(Varint32.size((1 << 21) - 1)).isEqualTo(3);
        assertThat(Varint32.size(1 << 21)).isEqualTo(4);
        assertThat(Varint32.size((1 << 28) - 1)).isEqualTo(4);
        assertThat(Varint32.size(1 << 28)).isEqualTo(5);
        assertThat(Varint32.size(Integer.MAX_VALUE)).isEqualTo(5);
    }

    @Test
    void writesTheLeastSignificantGroupFirst() {
        assertThat(written(300)).isEqualTo(hex("ac 02"));
        assertThat(written(1)).isEqualTo(hex("01"));
        assertThat(written(128)).isEqualTo(hex("80 01"));
        assertThat(written(16384)).isEqualTo(hex("80 80 01"));
        assertThat(written(Integer.MAX_VALUE)).isEqualTo(hex("ff ff ff ff 07"));
    }

    @Test
    void writesAsManyBytesAsSizeSays() {
        for (int value : new int[] {0, 127, 128, 16383, 16384, 1 << 21, 1 << 28, Integer.MAX_VALUE}) {
            assertThat(written(value)).as("%d", value).hasSize(Varint32.size(value));
        }
    }

    @Test
    void negativeValueForbidden() {
        assertThatThrownBy(() -> Varint32.size(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a varint32 length must not be negative: -1");
        assertThatThrownBy(() -> Varint32.write(-1, new byte[Varint32.MAX_BYTES]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] written(int value) {
        byte[] to = new byte[Varint32.MAX_BYTES];
        return Arrays.copyOf(to, Varint32.write(value, to));
    }
}
