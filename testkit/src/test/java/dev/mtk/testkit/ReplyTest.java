package dev.mtk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplyTest {
    private static final TextCodec TEXT = new TextCodec();

    @Test
    void valueIsTheBodyDecodedByTheCodec() {
        assertThat(new Reply(new byte[] {'o', 'k'}, Map.of(), 3, TEXT).value()).isEqualTo("ok");
    }

    @Test
    void valueFailsWhenTheCodecRefusesTheBody() {
        Reply reply = new Reply(new byte[] {'o', (byte) 0xff}, Map.of(), 3, TEXT);

        assertThatThrownBy(reply::value).isInstanceOf(AssertionError.class)
                .hasMessage("the reply is not valid for the payload codec: byte ff at 1 is not text (body 6f ff)");
    }

    @Test
    void bodyIsACopy() {
        byte[] body = {'o', 'k'};
        Reply reply = new Reply(body, Map.of(), 3, TEXT);
        body[0] = 'x';
        reply.body()[1] = 'x';

        assertThat(reply.text()).isEqualTo("ok");
    }

    @Test
    void toStringShowsTheFieldsTheRenderedBodyAndTheWireSize() {
        assertThat(new Reply(new byte[] {'o', 'k'}, Map.of("opcode", 1L), 4, TEXT))
                .hasToString("Reply[{opcode=1} ok, wire 4 B]");
    }
}
