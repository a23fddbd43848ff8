package dev.mtk.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

class JsonStyleTest {

    private static AttributedString style(String json) throws IOException {
        return JsonStyle.style(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shortJsonStaysCompactOnOneLine() throws IOException {
        assertThat(style("{ \"n\" : 42, \"a\" : [true, null, \"x\"] }").toString())
                .isEqualTo("{\"n\":42,\"a\":[true,null,\"x\"]}");
    }

    @Test
    void longJsonIsIndentedByTwoSpaces() throws IOException {
        String json = "{\"name\":\"" + "x".repeat(60) + "\",\"list\":[1,{\"k\":[]}],\"empty\":{}}";

        assertThat(style(json).toString()).isEqualTo("""
                {
                  "name": "%s",
                  "list": [
                    1,
                    {
                      "k": []
                    }
                  ],
                  "empty": {}
                }""".formatted("x".repeat(60)));
    }

    @Test
    void keysStringsNumbersAndLiteralsHaveTheirColours() throws IOException {
        AttributedString styled = style("{\"k\":\"v\",\"n\":1.5,\"b\":false}");

        assertThat(styled.styleAt(1)).isEqualTo(JsonStyle.KEY);
        assertThat(styled.styleAt(styled.toString().indexOf("\"v\""))).isEqualTo(JsonStyle.STRING);
        assertThat(styled.styleAt(styled.toString().indexOf("1.5"))).isEqualTo(JsonStyle.NUMBER);
        assertThat(styled.styleAt(styled.toString().indexOf("false"))).isEqualTo(JsonStyle.LITERAL);
    }

    @Test
    void stringsKeepTheirEscapesAndTheirUnicode() throws IOException {
        assertThat(style("\"a \\\"quote\\\"\\n 我收到了\"").toString()).isEqualTo("\"a \\\"quote\\\"\\n 我收到了\"");
    }

    @Test
    void twoValuesAreNotOneJsonBody() {
        assertThatThrownBy(() -> style("{} {}")).isInstanceOf(IOException.class);
    }
}
