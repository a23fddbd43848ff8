package dev.mtk.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.PayloadException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BytesPayloadCodecTest {
    private static final String FORMS = "; bytes are hex (80 00 0a, 0x80 0x00 or 0x80000005), \"text\" in double quotes, "
            + "or base64:gAAABQ==";
    private final BytesPayloadCodec bytes = new BytesPayloadCodec();

    @Test
    void parsesHexPairsSeparatedBySpacesOrColons() throws Exception {
        assertThat(bytes.parse("80 00 00 05")).containsExactly(0x80, 0x00, 0x00, 0x05);
        assertThat(bytes.parse("0a:ff:10")).containsExactly(0x0a, 0xff, 0x10);
        assertThat(bytes.parse("DEADbeef")).containsExactly(0xde, 0xad, 0xbe, 0xef);
    }

    @Test
    void parsesAnOxPrefixPerByte() throws Exception {
        assertThat(bytes.parse("0x80 0x00 0X00 0x05")).containsExactly(0x80, 0x00, 0x00, 0x05);
    }

    @Test
    void parsesAnOxPrefixForAWholeRunOfBytes() throws Exception {
        assertThat(bytes.parse("0x80000005")).containsExactly(0x80, 0x00, 0x00, 0x05);
        assertThat(bytes.parse("0x8000 0x0005")).containsExactly(0x80, 0x00, 0x00, 0x05);
    }

    @Test
    void parsesQuotedTextAsItsUtf8BytesBetweenHexGroups() throws Exception {
        assertThat(bytes.parse("01 \"foo\"02 \"é\"")).containsExactly(0x01, 'f', 'o', 'o', 0x02, 0xc3, 0xa9);
    }

    @Test
    void quotedTextTakesBackslashEscapesForAQuoteAndABackslash() throws Exception {
        assertThat(new String(bytes.parse("\"a\\\"b\\\\c\""), StandardCharsets.UTF_8)).isEqualTo("a\"b\\c");
    }

    @Test
    void parsesBase64AfterItsPrefix() throws Exception {
        assertThat(bytes.parse("base64:gAAABQ==")).containsExactly(0x80, 0x00, 0x00, 0x05);
        assertThat(bytes.parse("  BASE64: gAAABQ")).containsExactly(0x80, 0x00, 0x00, 0x05);
    }

    @Test
    void parsesNothingAsAnEmptyBody() throws Exception {
        assertThat(bytes.parse(" ")).isEmpty();
    }

    @Test
    void refusesANonHexDigitNamingItsPositionAndTheFormsAccepted() {
        assertThatThrownBy(() -> bytes.parse("0a zz"))
                .isInstanceOf(PayloadException.class)
                .hasMessage("invalid hex digit 'z' at position 4" + FORMS);
    }

    @Test
    void refusesAGroupWithAnOddNumberOfDigits() {
        assertThatThrownBy(() -> bytes.parse("80 0x5")).isInstanceOf(PayloadException.class)
                .hasMessage("odd number of hex digits in '0x5' at position 4 (each byte is two digits: 05, not 5)"
                        + FORMS);
    }

    @Test
    void refusesAnOxPrefixWithoutDigits() {
        assertThatThrownBy(() -> bytes.parse("80 0x")).isInstanceOf(PayloadException.class)
                .hasMessage("'0x' with no hex digits after it at position 4" + FORMS);
    }

    @Test
    void refusesAnUnclosedQuote() {
        assertThatThrownBy(() -> bytes.parse("01 \"foo")).isInstanceOf(PayloadException.class)
                .hasMessage("unclosed quote opened at position 4" + FORMS);
    }

    @Test
    void refusesAnUnknownEscapeInsideQuotes() {
        assertThatThrownBy(() -> bytes.parse("\"a\\nb\"")).isInstanceOf(PayloadException.class)
                .hasMessage("unknown escape '\\n' at position 3 (inside quotes only \\\" and \\\\ are escapes)" + FORMS);
    }

    @Test
    void refusesABase64CharacterOutsideTheAlphabetNamingItsPosition() {
        assertThatThrownBy(() -> bytes.parse("base64:gA%ABQ==")).isInstanceOf(PayloadException.class)
                .hasMessage("invalid base64 character '%' at position 10" + FORMS);
    }

    @Test
    void refusesBase64CutShortOfAWholeGroup() {
        assertThatThrownBy(() -> bytes.parse("base64:gAAAB")).isInstanceOf(PayloadException.class)
                .hasMessageStartingWith("base64 of 5 characters cannot be whole bytes");
    }

    @Test
    void encodesAListOfNumbersSignedOrUnsigned() throws Exception {
        assertThat(bytes.encode(List.of(0x80, -1, 0, BigInteger.valueOf(255)))).containsExactly(0x80, 0xff, 0x00, 0xff);
    }

    @Test
    void refusesAListItemOutsideAByteNamingItsIndex() {
        assertThatThrownBy(() -> bytes.encode(List.of(1, 256))).isInstanceOf(PayloadException.class)
                .hasMessage("a byte is from -128 to 255, not 256 at index 1");
    }

    @Test
    void refusesAListItemThatIsNotAWholeNumber() {
        assertThatThrownBy(() -> bytes.encode(List.of(1, "2"))).isInstanceOf(PayloadException.class)
                .hasMessage("bytes must be whole numbers, not '2' at index 1");
    }

    @Test
    void encodesTextAsTypedAndAByteArrayAsItIs() throws Exception {
        byte[] body = {1, 2};

        assertThat(bytes.encode("0x0102")).containsExactly(1, 2);
        assertThat(bytes.encode(body)).isSameAs(body);
    }

    @Test
    void rendersSpacedHexOnOneLine() {
        assertThat(bytes.render(new byte[] {(byte) 0x81, 0, 0, 5})).isEqualTo("81 00 00 05");
    }

    @Test
    void rendersAnAsciiGutterWhenMostBytesArePrintable() {
        assertThat(bytes.render("\0bar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("00 62 61 72  |.bar|");
    }

    @Test
    void rendersAnEmptyBodyInWords() {
        assertThat(bytes.render(new byte[0])).isEqualTo("(empty)");
    }

    @Test
    void whatItRendersWithoutAGutterParsesBackToTheSameBytes() throws Exception {
        byte[] body = {(byte) 0x81, 0, 0, 3, 0x66, 0x6f, 0x6f, 0, 1};

        assertThat(bytes.parse(bytes.render(body))).isEqualTo(body);
    }

    @Test
    void decodesToTheBodyItself() {
        byte[] body = {1, 2, 3};

        assertThat(bytes.decode(body)).isSameAs(body);
    }
}
