package dev.mtk.bench;

import dev.mtk.payload.NamedPayload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.payload.JsonPayloadCodec;
import dev.mtk.session.Message;
import dev.mtk.session.Profile;
import dev.mtk.spi.Frame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplyCheckTest {
    private static final NamedPayload JSON = NamedPayload.of("json", new JsonPayloadCodec());

    private static Message reply(String json) {
        return Profile.reply().outbound(new Frame(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aPathAndAValuePassWhenTheReplyHasThatValue() {
        ReplyCheck check = ReplyCheck.parse("$.ok=true", JSON);

        assertThat(check.failure(reply("{\"id\":1,\"ok\":true}"))).isNull();
        assertThat(check.userCode()).isFalse();
    }

    @Test
    void aDifferentValueSaysWhatItWasAndWhatWasExpected() {
        ReplyCheck check = ReplyCheck.parse("$.status = \"ok\"", JSON);

        assertThat(check.failure(reply("{\"status\":\"busy\"}"))).isEqualTo("$.status is \"busy\", expected \"ok\"");
        assertThat(check.failure(reply("{}"))).isEqualTo("$.status is missing, expected \"ok\"");
    }

    @Test
    void numbersCompareByValue() {
        assertThat(ReplyCheck.parse("$.n=1", JSON).failure(reply("{\"n\":1.0}"))).isNull();
    }

    @Test
    void aValueThatIsNotJsonIsRefusedWithAHintAboutQuotes() {
        assertThatThrownBy(() -> ReplyCheck.parse("$.status=ok", JSON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--expect '$.status=ok': the value ok is not valid json (a string needs its "
                        + "quotes: $.status=\"ok\")");
    }

    @Test
    void somethingThatIsNeitherAPathNorAClosureIsRefused() {
        assertThatThrownBy(() -> ReplyCheck.parse("ok", JSON))
                .hasMessage("--expect 'ok': expected PATH=VALUE such as '$.ok=true', or a Groovy closure such as "
                        + "'{ it.value.ok }'");
    }

    @Test
    void aClosureSeesTheReplyAsAScriptSeesAMessage() {
        ReplyCheck check = ReplyCheck.parse("{ it.value.ok && it['id'] > 0 }", JSON);

        assertThat(check.userCode()).isTrue();
        assertThat(check.failure(reply("{\"id\":3,\"ok\":true}"))).isNull();
        assertThat(check.failure(reply("{\"id\":0,\"ok\":true}"))).isEqualTo("{ it.value.ok && it['id'] > 0 } is false");
    }

    @Test
    void aClosureThatDoesNotCompileIsOneLine() {
        assertThatThrownBy(() -> ReplyCheck.parse("{ it.value. }", JSON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--expect: the Groovy closure does not compile: ")
                .hasMessageNotContaining("\n");
    }
}
