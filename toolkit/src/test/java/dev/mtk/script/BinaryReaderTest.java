package dev.mtk.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class BinaryReaderTest {
    private static final byte[] BODY = {1, 2, 3, 4, 5, 6, 7, 8, 'f', 'o', 'o'};

    private final BinaryReader reader = new BinaryReader(BODY);

    @Test
    void bigEndianReadsPutTheFirstByteHighest() {
        assertThat(reader.u8(0)).isEqualTo(1);
        assertThat(reader.u16(0)).isEqualTo(0x0102);
        assertThat(reader.u24(1)).isEqualTo(0x020304);
        assertThat(reader.u32(0)).isEqualTo(0x01020304L);
        assertThat(reader.u64(0)).isEqualTo(0x0102030405060708L);
    }

    @Test
    void littleEndianReadsPutTheFirstByteLowest() {
        assertThat(reader.u16le(0)).isEqualTo(0x0201);
        assertThat(reader.u24le(1)).isEqualTo(0x040302);
        assertThat(reader.u32le(0)).isEqualTo(0x04030201L);
        assertThat(reader.u64le(0)).isEqualTo(0x0807060504030201L);
    }

    @Test
    void readsAreUnsigned() {
        BinaryReader ones = new BinaryReader(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1});

        assertThat(ones.u8(0)).isEqualTo(255);
        assertThat(ones.u32(0)).isEqualTo(0xffffffffL);
        assertThat(ones.u64(0)).isEqualTo(new BigInteger("18446744073709551615"));
    }

    @Test
    void strReadsUtf8ForALengthOrToTheEnd() {
        assertThat(reader.str(8, 2)).isEqualTo("fo");
        assertThat(reader.str(8)).isEqualTo("foo");
    }

    @Test
    void bytesCopiesARange() {
        assertThat(reader.bytes(9)).containsExactly('o', 'o');
        assertThat(reader.bytes(0, 2)).containsExactly(1, 2);
    }

    @Test
    void sizeIsTheBodysLength() {
        assertThat(reader.getSize()).isEqualTo(11);
    }

    @Test
    void aReadPastTheEndSaysWhatWasAskedAndTheSize() {
        assertThatThrownBy(() -> reader.u32(8)).isInstanceOf(ScriptFailure.class)
                .hasMessage("u32 at offset 8 reads 4 B, past the end of the body (11 B)");
    }

    @Test
    void aNegativeOffsetIsRefused() {
        assertThatThrownBy(() -> reader.str(-1, 2)).isInstanceOf(ScriptFailure.class)
                .hasMessage("str takes a non-negative offset and length, not offset -1, length 2");
    }

    @Test
    void printsAsSpacedHex() {
        assertThat(new BinaryReader(new byte[] {0, 1}).toString()).isEqualTo("00 01");
    }
}
