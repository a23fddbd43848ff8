package dev.mtk.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryBuilderTest {
    private final BinaryBuilder bin = new BinaryBuilder();

    @Test
    void u8WritesOneByte() {
        assertThat(bin.u8(0x80).u8(0).toByteArray()).containsExactly(0x80, 0x00);
    }

    @Test
    void bigEndianIntegersPutTheMostSignificantByteFirst() {
        bin.u16(0x0102).u24(0x030405).u32(0x06070809L).u64(0x0a0b0c0d0e0f1011L);

        assertThat(bin.toByteArray()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
    }

    @Test
    void littleEndianIntegersPutTheLeastSignificantByteFirst() {
        bin.u16le(0x0102).u24le(0x030405).u32le(0x06070809L).u64le(0x0a0b0c0d0e0f1011L);

        assertThat(bin.toByteArray()).containsExactly(2, 1, 5, 4, 3, 9, 8, 7, 6, 17, 16, 15, 14, 13, 12, 11, 10);
    }

    @Test
    void u64TakesValuesAboveTheLargestLong() {
        assertThat(bin.u64(new BigInteger("18446744073709551615")).toByteArray()).containsOnly(0xff).hasSize(8);
    }

    @Test
    void aWholeDecimalIsAWholeNumber() {
        assertThat(bin.u8(new java.math.BigDecimal("7.0")).toByteArray()).containsExactly(7);
    }

    @Test
    void aValueAboveItsWidthIsRefusedNamingTheMethodAndTheRange() {
        assertThatThrownBy(() -> bin.u16(65536)).isInstanceOf(ScriptFailure.class)
                .hasMessage("u16 takes 0 to 65535, not 65536");
        assertThatThrownBy(() -> bin.u24le(1 << 24)).hasMessage("u24le takes 0 to 16777215, not 16777216");
        assertThatThrownBy(() -> bin.u64(BigInteger.ONE.shiftLeft(64)))
                .hasMessage("u64 takes 0 to 18446744073709551615, not 18446744073709551616");
    }

    @Test
    void aNegativeValueIsRefused() {
        assertThatThrownBy(() -> bin.u8(-1)).isInstanceOf(ScriptFailure.class).hasMessage("u8 takes 0 to 255, not -1");
    }

    @Test
    void aFractionOrTextIsNotAnInteger() {
        assertThatThrownBy(() -> bin.u32(1.5)).hasMessage("u32 takes a whole number, not 1.5");
        assertThatThrownBy(() -> bin.u32("1")).hasMessage("u32 takes a whole number, not '1'");
    }

    @Test
    void strWritesUtf8WithoutALength() {
        assertThat(bin.str("é").toByteArray()).containsExactly(0xc3, 0xa9);
    }

    @Test
    void prefixedStringsWriteTheirLengthInBytesThenTheText() {
        bin.str8("a").str16("é").str32("b").str16le("c").str32le("d");

        assertThat(bin.toByteArray()).containsExactly(1, 'a', 0, 2, 0xc3, 0xa9, 0, 0, 0, 1, 'b', 1, 0, 'c', 1, 0, 0, 0, 'd');
    }

    @Test
    void aStringLongerThanItsPrefixHoldsIsRefused() {
        assertThatThrownBy(() -> bin.str8("x".repeat(256))).isInstanceOf(ScriptFailure.class)
                .hasMessage("str8 holds at most 255 bytes of text, not 256");
    }

    @Test
    void strTakesOnlyText() {
        assertThatThrownBy(() -> bin.str(42)).hasMessage("str takes text, not a Integer (42)");
    }

    @Test
    void rawAppendsAByteArrayOrAListOfNumbers() {
        bin.raw(new byte[] {1, 2}).raw(List.of(0xff, -1));

        assertThat(bin.toByteArray()).containsExactly(1, 2, 0xff, 0xff);
    }

    @Test
    void rawRefusesAListItemOutsideAByte() {
        assertThatThrownBy(() -> bin.raw(List.of(300))).isInstanceOf(ScriptFailure.class)
                .hasMessage("raw: a byte is from -128 to 255, not 300 at index 0");
    }

    @Test
    void rawRefusesTextPointingToStrAndHex() {
        assertThatThrownBy(() -> bin.raw("80")).hasMessage("raw takes a byte array or a list of numbers, not '80' "
                + "(str for text, hex for hex digits)");
    }

    @Test
    void hexAppendsBytesAsTheBytesPayloadReadsThem() {
        assertThat(bin.hex("80 0x0001").toByteArray()).containsExactly(0x80, 0x00, 0x01);
    }

    @Test
    void hexRefusesWhatTheBytesPayloadRefuses() {
        assertThatThrownBy(() -> bin.hex("8g")).isInstanceOf(ScriptFailure.class)
                .hasMessageStartingWith("hex: invalid hex digit 'g' at position 2");
    }

    @Test
    void zerosAppendsZeroBytes() {
        assertThat(bin.u8(1).zeros(3).toByteArray()).containsExactly(1, 0, 0, 0);
    }

    @Test
    void zerosRefusesANegativeCount() {
        assertThatThrownBy(() -> bin.zeros(-1)).isInstanceOf(ScriptFailure.class)
                .hasMessage("zeros takes 0 to " + BinaryBuilder.MAX_SIZE + " here, not -1");
    }

    @Test
    void aMessageStopsGrowingAtItsLimit() {
        bin.zeros(BinaryBuilder.MAX_SIZE);

        assertThatThrownBy(() -> bin.u8(0)).isInstanceOf(ScriptFailure.class)
                .hasMessageStartingWith("a bin message holds at most " + BinaryBuilder.MAX_SIZE + " bytes");
    }

    @Test
    void sizeCountsUtf8BytesNotCharacters() {
        assertThat(bin.size("é")).isEqualTo(2);
        assertThat(bin.size(new byte[3])).isEqualTo(3);
        assertThat(bin.size(List.of(1, 2))).isEqualTo(2);
    }

    @Test
    void lengthIsWhatWasWrittenSoFar() {
        assertThat(bin.u32(0).str("ab").getLength()).isEqualTo(6);
    }
}
