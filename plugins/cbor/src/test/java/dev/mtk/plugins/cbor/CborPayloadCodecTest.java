package dev.mtk.plugins.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CborPayloadCodecTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private final CborPayloadCodec cbor = new CborPayloadCodec();

    private static byte[] hex(String spaced) {
        return HEX.parseHex(spaced);
    }

    @Test
    void parsesTypedJsonToCbor() throws Exception {
        // a1: map of 1 pair; 61 61: text "a"; 01: unsigned 1
        assertThat(cbor.parse("{ \"a\" : 1 }")).isEqualTo(hex("a1 61 61 01"));
    }

    @Test
    void parsesNestedJsonToDefiniteLengthCbor() throws Exception {
        // a2: map of 2; 84: array of 4; f5 true, f6 null; 20: negative -1; 19 01 2c: unsigned 300
        byte[] body = cbor.parse("{\"a\":[1,\"x\",true,null],\"b\":-1,\"c\":300}");

        assertThat(body).isEqualTo(hex("a3 61 61 84 01 61 78 f5 f6 61 62 20 61 63 19 01 2c"));
    }

    @Test
    void parsesJsonFractionsToDoubles() throws Exception {
        assertThat(cbor.parse("1.5")).isEqualTo(hex("fb 3f f8 00 00 00 00 00 00"));
    }

    @Test
    void parsesJsonTextAsUtf8TextStrings() throws Exception {
        assertThat(cbor.parse("\"我\"")).isEqualTo(hex("63 e6 88 91"));
    }

    @Test
    void refusesInvalidTypedJsonSayingWhere() {
        assertThatThrownBy(() -> cbor.parse("{\"a\":\n tru}"))
                .isInstanceOf(PayloadException.class)
                .hasMessageStartingWith("invalid JSON at line 2, column 2: Unrecognized token 'tru'")
                .hasMessageNotContaining("\n");
    }

    @Test
    void refusesEmptyTypedInput() {
        assertThatThrownBy(() -> cbor.parse("  ")).isInstanceOf(PayloadException.class)
                .hasMessage("invalid JSON: empty input");
    }

    @Test
    void refusesTypedJsonWithMoreThanOneValue() {
        assertThatThrownBy(() -> cbor.parse("{} {}")).isInstanceOf(PayloadException.class)
                .hasMessageStartingWith("invalid JSON at line 1, column ");
    }

    @Test
    void encodesMapsWithDefiniteLengths() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", 1);
        value.put("l", List.of(1, 2));

        assertThat(cbor.encode(value)).isEqualTo(hex("a2 61 61 01 61 6c 82 01 02"));
    }

    @Test
    void encodesScalarsAndNull() throws Exception {
        assertThat(cbor.encode(-1)).isEqualTo(hex("20"));
        assertThat(cbor.encode(true)).isEqualTo(hex("f5"));
        assertThat(cbor.encode(null)).isEqualTo(hex("f6"));
    }

    @Test
    void encodesTextAsTypedJson() throws Exception {
        assertThat(cbor.encode(new StringBuilder("[1, 2]"))).isEqualTo(hex("82 01 02"));
    }

    @Test
    void encodesACborBodyAsItIs() throws Exception {
        byte[] body = hex("a1 61 61 01");

        assertThat(cbor.encode(body)).isSameAs(body);
    }

    @Test
    void refusesABodyToEncodeThatIsNotCbor() {
        assertThatThrownBy(() -> cbor.encode(hex("a1 61 61"))).isInstanceOf(PayloadException.class)
                .hasMessageStartingWith("invalid CBOR at byte 3: ");
    }

    @Test
    void refusesToEncodeAValueJacksonCannotWrite() {
        assertThatThrownBy(() -> cbor.encode(new Object())).isInstanceOf(PayloadException.class)
                .hasMessageStartingWith("cbor payload cannot encode a java.lang.Object: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void stringIsACborTextString() {
        assertThat(cbor.string("ok")).isEqualTo(hex("62 6f 6b"));
        assertThat(cbor.string("我收到了")).isEqualTo(hex("6c e6 88 91 e6 94 b6 e5 88 b0 e4 ba 86"));
    }

    @Test
    void decodesToMapsListsAndScalars() throws Exception {
        Object value = cbor.decode(hex("a3 61 61 84 01 61 78 f5 f6 61 62 20 61 63 19 01 2c"));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", Arrays.asList(1, "x", true, null));
        expected.put("b", -1);
        expected.put("c", 300);
        assertThat(value).isEqualTo(expected);
    }

    @Test
    void decodesScalarsAtTheTop() throws Exception {
        assertThat(cbor.decode(hex("62 6f 6b"))).isEqualTo("ok");
        assertThat(cbor.decode(hex("f4"))).isEqualTo(false);
        assertThat(cbor.decode(hex("f6"))).isNull();
        assertThat(cbor.decode(hex("c2 49 01 00 00 00 00 00 00 00 00"))).isEqualTo(BigInteger.ONE.shiftLeft(64));
    }

    @Test
    void decodesByteStringsToByteArrays() throws Exception {
        assertThat(cbor.decode(hex("42 01 02"))).isEqualTo(new byte[] {1, 2});
    }

    @Test
    void decodesIndefiniteLengthItems() throws Exception {
        assertThat(cbor.decode(hex("bf 61 61 9f 01 02 ff ff"))).isEqualTo(Map.of("a", List.of(1, 2)));
    }

    @Test
    void refusesInvalidCbor() {
        // 1c: additional information 28 is reserved
        assertThatThrownBy(() -> cbor.decode(hex("1c"))).isInstanceOf(PayloadException.class)
                .hasMessageStartingWith("invalid CBOR at byte 1: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void refusesTruncatedCbor() {
        assertThatThrownBy(() -> cbor.decode(hex("82 01"))).isInstanceOf(PayloadException.class)
                .hasMessageStartingWith("invalid CBOR at byte 2: Unexpected end-of-input");
    }

    @Test
    void refusesTrailingBytes() {
        assertThatThrownBy(() -> cbor.decode(hex("a1 61 61 01 01 02"))).isInstanceOf(PayloadException.class)
                .hasMessage("invalid CBOR at byte 4: 2 bytes after the first data item");
    }

    @Test
    void refusesAnEmptyBody() {
        assertThatThrownBy(() -> cbor.decode(new byte[0])).isInstanceOf(PayloadException.class)
                .hasMessage("invalid CBOR: empty body");
    }

    @Test
    void refusesInvalidUtf8InText() {
        assertThatThrownBy(() -> cbor.decode(hex("62 c3 28"))).isInstanceOf(PayloadException.class)
                .hasMessageStartingWith("invalid CBOR at byte 3: Invalid UTF-8");
    }

    @Test
    void validatesWhatDecodeAccepts() throws Exception {
        cbor.validate(hex("a3 61 61 84 01 61 78 f5 f6 61 62 20 61 63 19 01 2c"));
        cbor.validate(hex("bf 61 61 9f 01 02 ff ff"));
        cbor.validate(hex("62 6f 6b"));
        cbor.validate(cbor.string("x".repeat(100_000)));
    }

    @Test
    void validateRefusesWhatDecodeRefuses() {
        for (String bad : List.of("1c", "82 01", "a1 61 61", "9f 01 02", "a1 61 61 01 01 02", "a1 61 61 01 ff",
                "62 c3 28", "5b ff ff ff ff ff ff ff ff")) {
            assertThatThrownBy(() -> cbor.validate(hex(bad))).as(bad).isInstanceOf(PayloadException.class)
                    .hasMessageStartingWith("invalid CBOR at byte ");
            assertThatThrownBy(() -> cbor.decode(hex(bad))).as(bad).isInstanceOf(PayloadException.class)
                    .hasMessageStartingWith("invalid CBOR at byte ");
        }
        assertThatThrownBy(() -> cbor.validate(new byte[0])).isInstanceOf(PayloadException.class)
                .hasMessage("invalid CBOR: empty body");
    }

    @Test
    void validateFindsInvalidUtf8DeepInALongText() {
        // 79 01 00: a text string of 256 bytes; c3 28 is not UTF-8
        byte[] body = new byte[3 + 256];
        body[0] = 0x79;
        body[1] = 0x01;
        Arrays.fill(body, 3, body.length, (byte) 'a');
        body[200] = (byte) 0xc3;
        body[201] = 0x28;
        List<byte[]> asItemOfAMap = List.of(body, concat(hex("a1 61 6b"), body));

        for (byte[] bad : asItemOfAMap) {
            assertThatThrownBy(() -> cbor.validate(bad)).isInstanceOf(PayloadException.class)
                    .hasMessageContaining("Invalid UTF-8");
        }
    }

    @Test
    void rendersCompactJsonOnOneLine() {
        byte[] body = hex("a3 61 61 84 01 61 78 f5 f6 61 62 20 61 63 62 0a 21");

        assertThat(cbor.render(body)).isEqualTo("{\"a\":[1,\"x\",true,null],\"b\":-1,\"c\":\"\\n!\"}");
    }

    @Test
    void rendersTheAcknowledgementAsAJsonString() {
        assertThat(cbor.render(cbor.string("我收到了"))).isEqualTo("\"我收到了\"");
    }

    @Test
    void rendersGarbageAsHexWithoutThrowing() {
        assertThat(cbor.render(hex("1c ff 00"))).isEqualTo("1c ff 00");
        assertThat(cbor.render(hex("a1 61 61 01 01"))).isEqualTo("a1 61 61 01 01");
        assertThat(cbor.render(new byte[0])).isEmpty();
    }

    @Test
    void roundTripsEveryParsedValue() throws Exception {
        for (String json : List.of("{\"a\":1}", "[]", "{}", "\"ok\"", "[1,[2,[3]],{\"k\":null}]", "-12345678901")) {
            assertThat(cbor.render(cbor.parse(json))).as(json).isEqualTo(json);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
