package dev.mtk.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.PayloadCodec;
import org.junit.jupiter.api.Test;

class PayloadCodecsTest {

    @Test
    void findsTheBuiltInsWithServiceLoader() {
        assertThat(PayloadCodecs.builtin().all()).extracting(PayloadCodec::name).containsExactly("bytes", "json", "text");
    }

    @Test
    void looksCodecsUpByName() {
        assertThat(PayloadCodecs.builtin().named("json")).isInstanceOf(JsonPayloadCodec.class);
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> PayloadCodecs.builtin().named("xml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown payload 'xml' (known: bytes, json, text)");
    }
}
