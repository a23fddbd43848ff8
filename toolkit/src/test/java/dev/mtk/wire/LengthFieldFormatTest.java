package dev.mtk.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LengthFieldFormatTest {

    @Test
    void headersPresetIsMagicThenFourByteBigEndianBodyLength() {
        LengthFieldFormat headers = LengthFieldFormat.HEADERS;

        assertThat(new String(headers.magic(), StandardCharsets.US_ASCII)).isEqualTo("Headers");
        assertThat(headers.headerLength()).isEqualTo(11);
        assertThat(headers.bodyLength(63)).isEqualTo(63);
        assertThat(headers.frameLength(63)).isEqualTo(74);
    }

    @Test
    void widthMustBeOneTwoThreeFourOrEight() {
        assertThatThrownBy(() -> new LengthFieldFormat(new byte[0], 0, 5, ByteOrder.BIG_ENDIAN, 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("length width must be 1, 2, 3, 4 or 8: 5");
    }

    @Test
    void lengthFieldMustNotOverlapTheMagic() {
        assertThatThrownBy(() -> new LengthFieldFormat(new byte[] {1, 2, 3}, 2, 4, ByteOrder.BIG_ENDIAN, 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("length offset must not fall inside the magic (3 bytes): 2");
    }

    @Test
    void lengthThatCountsTheHeaderIsReducedByIt() {
        LengthFieldFormat format = new LengthFieldFormat(new byte[0], 0, 2, ByteOrder.BIG_ENDIAN, 0, true);

        assertThat(format.bodyLength(5)).isEqualTo(3);
        assertThat(format.fieldValue(3)).isEqualTo(5);
    }

    @Test
    void adjustmentIsAddedToTheFieldValue() {
        LengthFieldFormat format = new LengthFieldFormat(new byte[0], 0, 4, ByteOrder.BIG_ENDIAN, -4, false);

        assertThat(format.bodyLength(10)).isEqualTo(6);
        assertThat(format.fieldValue(6)).isEqualTo(10);
    }

    @Test
    void magicIsCopiedSoItCannotBeChangedFromOutside() {
        byte[] magic = {'A'};
        LengthFieldFormat format = new LengthFieldFormat(magic, 1, 1, ByteOrder.BIG_ENDIAN, 0, false);
        magic[0] = 'B';
        format.magic()[0] = 'C';

        assertThat(format.magic()).containsExactly('A');
    }
}
