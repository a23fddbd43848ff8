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
                .isInstanceOf(PayloadException.class).hasMessageStartingWith("invalid JSON");
        assertThatThrownBy(() -> json.validate(utf8("1 2")))
                .isInstanceOf(PayloadException.class).hasMessageContaining("more than one value");
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
}
