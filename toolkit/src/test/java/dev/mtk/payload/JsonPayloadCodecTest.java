package dev.mtk.payload;

import static dev.mtk.testing.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.PayloadException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonPayloadCodecTest {
    private final JsonPayloadCodec json = new JsonPayloadCodec();

    @Test
    void compactsWhatIsTypedKeepingKeyOrder() throws Exception {
        byte[] body = json.parse("{ \"b\" : 1,\n  \"a\" : [ true, null ] }");

        assertThat(new String(body, "UTF-8")).isEqualTo("{\"b\":1,\"a\":[true,null]}");
    }

    @Test
    void refusesInvalidTypedJsonSayingWhere() {
        assertThatThrownBy(() -> json.parse("{\"a\": tru}"))
                .isInstanceOf(PayloadException.class)
                .hasMessageStartingWith("invalid JSON at line 1, column ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void refusesEmptyTypedInput() {
        assertThatThrownBy(() -> json.parse("   ")).isInstanceOf(PayloadException.class).hasMessage("invalid JSON: empty input");
    }

    @Test
    void refusesTrailingValues() {
        assertThatThrownBy(() -> json.parse("{} {}")).isInstanceOf(PayloadException.class)
                .hasMessageStartingWith("invalid JSON at line 1");
    }

    @Test
    void saysAnUnclosedObjectWhereItOpened() {
        assertThatThrownBy(() -> json.parse("{\"a\": 1")).hasMessage("unclosed object (opened at line 1, column 1)");
    }

    @Test
    void saysAnUnclosedArrayWhereItOpened() {
        assertThatThrownBy(() -> json.parse("{\"a\":\n  [1, 2")).hasMessage("unclosed array (opened at line 2, column 3)");
    }

    @Test
    void saysAnUnclosedStringWhereItOpened() {
        assertThatThrownBy(() -> json.parse("{\"a\": \"x}")).hasMessage("unclosed string (opened at line 1, column 7)");
    }

    @Test
    void saysWhatWasExpectedInsteadOfAnUnexpectedCharacter() {
        assertThatThrownBy(() -> json.parse("{a: 1}")).hasMessage(
                "invalid JSON at line 1, column 2: unexpected character 'a' (expected a field name in double quotes)");
        assertThatThrownBy(() -> json.parse("[1 2]")).hasMessage(
                "invalid JSON at line 1, column 4: unexpected character '2' (expected ',' or ']')");
    }

    @Test
    void saysAnUnquotedWordIsNotAValue() {
        assertThatThrownBy(() -> json.parse("hello")).hasMessage("invalid JSON at line 1, column 1: unexpected "
                + "'hello' (expected a JSON value: an object, an array, a string in double quotes, a number, true, "
                + "false or null)");
    }

    @Test
    void saysWhatFollowsTheValue() {
        assertThatThrownBy(() -> json.parse("{\"a\": 1} x")).hasMessage(
                "invalid JSON at line 1, column 10: more after the value ('x'); one JSON value per message");
        assertThatThrownBy(() -> json.parse("{} {}")).hasMessage(
                "invalid JSON at line 1, column 4: more after the value ('{'); one JSON value per message");
    }

    @Test
    void namesNoLibraryInAnyMistake() {
        for (String typed : new String[] {"{\"a\": 1", "[1,", "\"x", "{a}", "[1 2]", "{\"a\" 1}", "[}", "nul", "{} x",
                "\"a\nb\"", "{\"a\":}"}) {
            assertThatThrownBy(() -> json.parse(typed)).as(typed).message()
                    .doesNotContain("Source", "REDACTED", "StreamReadFeature", "marker", "token", "JSON String", "\n");
        }
    }

    @Test
    void encodesMapsAndListsFromScripts() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("n", 42);
        value.put("tags", List.of("x", "y"));

        assertThat(new String(json.encode(value), "UTF-8")).isEqualTo("{\"n\":42,\"tags\":[\"x\",\"y\"]}");
    }

    @Test
    void encodesTextAsTypedJson() throws Exception {
        assertThat(json.encode("[1, 2]")).isEqualTo(utf8("[1,2]"));
    }

    @Test
    void decodesToMapsListsAndScalars() throws Exception {
        Object value = json.decode(utf8("{\"a\":[1,\"x\",true],\"b\":null}"));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", List.of(1, "x", true));
        expected.put("b", null);
        assertThat(value).isEqualTo(expected);
    }

    @Test
    void validatesAReceivedBodyWithoutBuildingIt() throws Exception {
        json.validate(utf8("{\"deep\":{\"er\":[1,2,{\"x\":\"我\"}]}}"));

        assertThatThrownBy(() -> json.validate(utf8("{\"a\":1")))
                .isInstanceOf(PayloadException.class).hasMessage("unclosed object (opened at line 1, column 1)");
        assertThatThrownBy(() -> json.validate(utf8("1 2")))
                .isInstanceOf(PayloadException.class).hasMessage("invalid JSON at line 1, column 3: more after the value ('2'); one JSON value per message");
        assertThatThrownBy(() -> json.validate(new byte[0]))
                .isInstanceOf(PayloadException.class).hasMessage("invalid JSON: empty body");
    }

    @Test
    void refusesInvalidUtf8InAReceivedBody() {
        byte[] body = {'"', (byte) 0xc3, (byte) 0x28, '"'};

        assertThatThrownBy(() -> json.validate(body)).isInstanceOf(PayloadException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void rendersCompactJsonOnOneLine() {
        assertThat(json.render(utf8("{\n \"a\" : 1\n}"))).isEqualTo("{\"a\":1}");
    }

    @Test
    void rendersAnInvalidBodyAsEscapedText() {
        assertThat(json.render(utf8("not json\n"))).isEqualTo("not json\\n");
    }

    /** What Received.value() promises plugin authors for JSON (the SPI's javadoc and docs/PLUGINS.md name them). */
    @Test
    void decodesToTheDocumentedJavaTypes() throws Exception {
        Object value = json.decode(utf8("{\"i\":1,\"l\":5000000000,\"b\":18446744073709551616,\"d\":1.5,"
                + "\"t\":true,\"s\":\"x\",\"n\":null,\"a\":[1]}"));

        assertThat(value).isInstanceOf(LinkedHashMap.class);
        Map<?, ?> map = (Map<?, ?>) value;
        assertThat(List.<Object>copyOf(map.keySet())).containsExactly("i", "l", "b", "d", "t", "s", "n", "a");
        assertThat(map.get("i")).isInstanceOf(Integer.class);
        assertThat(map.get("l")).isInstanceOf(Long.class);
        assertThat(map.get("b")).isInstanceOf(java.math.BigInteger.class);
        assertThat(map.get("d")).isInstanceOf(Double.class);
        assertThat(map.get("t")).isInstanceOf(Boolean.class);
        assertThat(map.get("s")).isInstanceOf(String.class);
        assertThat(map.get("n")).isNull();
        assertThat(map.get("a")).isInstanceOf(List.class);
    }

    /** What the SPI's default field() answers: decode everything, then walk the maps and lists. */
    private Object walked(String body, List<Object> path) throws PayloadException {
        return new dev.mtk.spi.PayloadCodec() {
            @Override
            public byte[] parse(String text) throws PayloadException {
                return json.parse(text);
            }

            @Override
            public Object decode(byte[] bytes) throws PayloadException {
                return json.decode(bytes);
            }

            @Override
            public String render(byte[] bytes) {
                return json.render(bytes);
            }
        }.field(utf8(body), path);
    }

    @Test
    void aFieldReadAsItStreamsIsWhatDecodingTheWholeBodyGives() throws Exception {
        String body = "{\"skip\":{\"id\":9,\"x\":[1,{\"id\":8}]},\"header\":{\"seq\":7,\"tags\":[\"a\",\"b\"]},"
                + "\"id\":12345678901,\"n\":null,\"id2\":1.5,\"dup\":1,\"dup\":2}";
        List<List<Object>> paths = List.of(List.of("id"), List.of("header", "seq"), List.of("header", "tags", 1),
                List.of("header", "tags", 5), List.of("header"), List.of("skip", "x", 1, "id"), List.of("n"),
                List.of("missing"), List.of("id", "deeper"), List.of("id2"), List.of("dup"), List.of(0));

        for (List<Object> path : paths) {
            assertThat(json.field(utf8(body), path)).as(path.toString()).isEqualTo(walked(body, path));
        }
    }

    @Test
    void aFieldOfABodyThatIsNotJsonFailsEvenAfterTheFieldWasFound() {
        assertThatThrownBy(() -> json.field(utf8("{\"id\":1,\"ok\":tru}"), List.of("id")))
                .isInstanceOf(PayloadException.class).hasMessageStartingWith("invalid JSON at line 1, column ");
        assertThatThrownBy(() -> json.field(utf8("{\"id\":1} {}"), List.of("id")))
                .isInstanceOf(PayloadException.class);
        assertThatThrownBy(() -> json.field(utf8("{\"id\":1"), List.of("id")))
                .isInstanceOf(PayloadException.class);
    }
}
