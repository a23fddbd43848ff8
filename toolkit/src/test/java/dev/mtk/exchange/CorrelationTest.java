package dev.mtk.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.payload.JsonPayloadCodec;
import dev.mtk.spi.HeaderFields;
import dev.mtk.spi.Received;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorrelationTest {
    private static final JsonPayloadCodec JSON = new JsonPayloadCodec();

    /** A received JSON frame with the given header field values. */
    private static Received json(String body, Map<String, Long> header) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new Received() {
            public byte[] body() {
                return bytes;
            }

            public Object value() {
                throw new UnsupportedOperationException("the key is read through the codec");
            }

            public String text() {
                return body;
            }

            public boolean framed() {
                return true;
            }

            public int wireSize() {
                return bytes.length;
            }

            public String render() {
                return body;
            }

            public Map<String, Long> header() {
                return header;
            }
        };
    }

    private static String key(String expression, String body) {
        return Correlation.parse(expression).key(json(body, Map.of()), JSON);
    }

    @Test
    void aJsonPathReadsTheIdFromTheBody() {
        assertThat(key("$.id", "{\"op\":\"get\",\"id\":7}")).isEqualTo("7");
    }

    @Test
    void aNestedPathAndAnIndexReachInside() {
        assertThat(key("$.header.seq", "{\"header\":{\"seq\":\"a-1\"}}")).isEqualTo("a-1");
        assertThat(key("$.ids[1]", "{\"ids\":[4,5]}")).isEqualTo("5");
    }

    @Test
    void numbersWrittenDifferentlyAreOneKey() {
        assertThat(key("$.id", "{\"id\":7.0}")).isEqualTo(key("$.id", "{\"id\":7}")).isEqualTo(key("$.id", "{\"id\":\"7\"}"));
        assertThat(key("$.id", "{\"id\":1e2}")).isEqualTo("100");
        assertThat(key("$.id", "{\"id\":2.50}")).isEqualTo("2.5");
    }

    @Test
    void aMessageWithoutTheFieldHasNoKey() {
        assertThat(key("$.id", "{\"op\":\"get\"}")).isNull();
        assertThat(key("$.id", "[1,2]")).isNull();
        assertThat(key("$.id", "not json")).isNull();
    }

    @Test
    void aHeaderFieldIsReadFromTheFramesHeader() {
        Correlation opaque = Correlation.parse("header.opaque");

        assertThat(opaque.key(json("{}", Map.of("opaque", 4_000_000_000L)), JSON)).isEqualTo("4000000000");
        assertThat(opaque.key(json("{}", Map.of()), JSON)).isNull();
        assertThat(opaque.headerField()).isEqualTo("opaque");
    }

    @Test
    void aHeaderFieldTheFramingDoesNotNameIsRefusedNamingThoseItDoes() {
        assertThatThrownBy(() -> Correlation.parse("header.stream").checkAgainst(HeaderFields.parse("opaque@12:4")))
                .hasMessage("--correlate header.stream: the framing names no header field 'stream' (fields: opaque)");
        assertThatThrownBy(() -> Correlation.parse("header.stream").checkAgainst(HeaderFields.NONE))
                .hasMessageContaining("give it fields=NAME@OFFSET:WIDTH");
    }

    @Test
    void aPathToManyValuesIsRefused() {
        assertThatThrownBy(() -> Correlation.parse("$..id")).hasMessageContaining("must name one value");
        assertThatThrownBy(() -> Correlation.parse("$.items[*].id")).hasMessageContaining("must name one value");
    }

    @Test
    void anExpressionThatIsNeitherPathNorHeaderIsRefusedWithExamples() {
        assertThatThrownBy(() -> Correlation.parse("id"))
                .hasMessage("invalid correlation 'id': expected a JSON path such as $.id or $.header.seq, or a header "
                        + "field such as header.opaque");
        assertThatThrownBy(() -> Correlation.parse("header.")).hasMessageContaining("e.g. header.opaque");
    }

    @Test
    void noCorrelationGivesNoKeys() {
        assertThat(Correlation.NONE.present()).isFalse();
        assertThat(Correlation.NONE.key(json("{\"id\":1}", Map.of()), JSON)).isNull();
    }
}
