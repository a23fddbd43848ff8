package dev.mtk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.Conversation;
import dev.mtk.spi.Handler;
import dev.mtk.spi.PayloadException;
import dev.mtk.spi.Received;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HarnessSessionTest {
    private static final TextCodec TEXT = new TextCodec();

    /** Replies with what it received. */
    private static final Handler ECHO = (session, message) -> session.reply(message.value());

    private static HarnessSession open(Handler handler) {
        return HandlerHarness.builder(handler).payload(TEXT).build().open();
    }

    private static HarnessSession openFramed(Handler handler) {
        return HandlerHarness.builder(handler).payload(TEXT).framing(ByteLengthFraming.withOpcode()).build().open();
    }

    /** A handler whose every callback is a call this test records, in order. */
    private static class Recording implements Handler {
        final List<String> calls = new ArrayList<>();

        @Override
        public void onOpen(Conversation session) {
            calls.add("open");
        }

        @Override
        public void onMessage(Conversation session, Received message) throws Exception {
            calls.add("message " + message.text());
            if (message.text().equals("close")) {
                session.close("asked to");
                calls.add("after close");
            }
        }

        @Override
        public void onClose(Conversation session) {
            calls.add("close");
        }

        @Override
        public void onError(Conversation session, Throwable error) {
            calls.add("error " + error);
        }
    }

    @Test
    void sendReturnsTheRepliesItCausedInOrder() {
        HarnessSession session = open((conversation, message) -> {
            conversation.reply("one");
            conversation.reply("two");
        });

        assertThat(session.send("x")).extracting(Reply::value).containsExactly("one", "two");
    }

    @Test
    void repliesAccumulateAcrossMessages() {
        HarnessSession session = open(ECHO);
        session.send("a");
        session.send("b");

        assertThat(session.replies()).extracting(Reply::value).containsExactly("a", "b");
        assertThat(session.lastReply().value()).isEqualTo("b");
    }

    @Test
    void lastReplyFailsWhenThereIsNone() {
        assertThatThrownBy(() -> open(ECHO).lastReply()).isInstanceOf(AssertionError.class)
                .hasMessage("session 1 127.0.0.1:50001 has sent no reply");
    }

    @Test
    void aReplyTheCodecCannotEncodeFailsTheCallback() {
        HarnessSession session = open((conversation, message) -> conversation.reply(message.body().length));

        session.send("abc");

        assertThat(session.closeReason()).isEqualTo("handler failed: dev.mtk.spi.PayloadException: text cannot"
                + " encode a java.lang.Integer");
    }

    @Test
    void sendFailsForAValueTheCodecCannotEncode() {
        assertThatThrownBy(() -> open(ECHO).send(42)).isInstanceOf(AssertionError.class)
                .hasMessage("the payload codec cannot encode the value to send: text cannot encode a"
                        + " java.lang.Integer");
    }

    @Test
    void sendBytesPassesTheBodyAsItIs() {
        HarnessSession session = open((conversation, message) -> conversation.reply(message.body()));

        assertThat(session.sendBytes(new byte[] {1, 2, 3}).get(0).body()).containsExactly(1, 2, 3);
    }

    @Test
    void anInvalidBodyClosesTheSessionBeforeTheHandlerSeesIt() {
        Recording handler = new Recording();
        HarnessSession session = open(handler);

        session.sendBytes(new byte[] {'a', (byte) 0xff});

        assertThat(session.isOpen()).isFalse();
        assertThat(session.closeReason()).isEqualTo("byte ff at 1 is not text");
        assertThat(handler.calls).containsExactly("open", "close");
    }

    @Test
    void stateIsPerSession() {
        HandlerHarness harness = HandlerHarness.builder((session, message) ->
                session.state().merge("count", 1, (a, b) -> (Integer) a + 1)).payload(TEXT).build();
        HarnessSession first = harness.open();
        HarnessSession second = harness.open();
        first.send("x");
        first.send("x");
        second.send("x");

        assertThat(first.state()).isEqualTo(Map.of("count", 2));
        assertThat(second.state()).isEqualTo(Map.of("count", 1));
    }

    @Test
    void closeByTheHandlerClosesTheSessionWithItsReason() {
        HarnessSession session = open(new Recording());

        session.send("close");

        assertThat(session.isOpen()).isFalse();
        assertThat(session.closeReason()).isEqualTo("asked to");
        assertThat(session.log()).containsExactly("closed: asked to");
    }

    @Test
    void onCloseRunsOnceAfterTheCallbackThatClosedReturned() {
        Recording handler = new Recording();
        HarnessSession session = open(handler);

        session.send("close");
        session.disconnect();

        assertThat(handler.calls).containsExactly("open", "message close", "after close", "close");
    }

    @Test
    void closeWithoutAReasonLeavesNoReason() {
        HarnessSession session = open((conversation, message) -> conversation.close());

        session.send("x");

        assertThat(session.isOpen()).isFalse();
        assertThat(session.closeReason()).isNull();
    }

    @Test
    void disconnectRunsOnClose() {
        Recording handler = new Recording();
        HarnessSession session = open(handler);

        session.disconnect();

        assertThat(session.isOpen()).isFalse();
        assertThat(handler.calls).containsExactly("open", "close");
    }

    @Test
    void aFailingOnCloseIsLogged() {
        HarnessSession session = open(new Handler() {
            @Override
            public void onMessage(Conversation conversation, Received message) {
            }

            @Override
            public void onClose(Conversation conversation) {
                throw new IllegalStateException("gone");
            }
        });

        session.disconnect();

        assertThat(session.log()).containsExactly("handler failed on close: java.lang.IllegalStateException: gone");
    }

    @Test
    void sendToAClosedSessionFails() {
        HarnessSession session = open(new Recording());
        session.send("close");

        assertThatThrownBy(() -> session.send("x")).isInstanceOf(AssertionError.class)
                .hasMessage("session 1 127.0.0.1:50001 is closed (asked to): the server reads nothing more from it");
    }

    @Test
    void aReplyAfterCloseIsDropped() {
        HarnessSession session = open((conversation, message) -> {
            conversation.reply("before");
            conversation.close();
            conversation.reply("after");
        });

        assertThat(session.send("x")).extracting(Reply::value).containsExactly("before");
    }

    @Test
    void aThrowingCallbackGoesToOnError() {
        Recording handler = new Recording() {
            @Override
            public void onMessage(Conversation session, Received message) {
                throw new AssertionError("expected a number");
            }
        };
        HarnessSession session = open(handler);

        session.send("x");

        assertThat(handler.calls).containsExactly("open", "error java.lang.AssertionError: expected a number");
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void theDefaultOnErrorClosesTheSessionNamingTheError() {
        HarnessSession session = open((conversation, message) -> {
            throw new StackOverflowError();
        });

        session.send("x");

        assertThat(session.isOpen()).isFalse();
        assertThat(session.closeReason()).isEqualTo("handler failed: java.lang.StackOverflowError");
    }

    @Test
    void aThrowingOnErrorClosesTheSessionNamingBoth() {
        HarnessSession session = open(new Handler() {
            @Override
            public void onMessage(Conversation conversation, Received message) {
                throw new IllegalStateException("first");
            }

            @Override
            public void onError(Conversation conversation, Throwable error) {
                throw new IllegalArgumentException("second");
            }
        });

        session.send("x");

        assertThat(session.closeReason()).isEqualTo("handler failed: java.lang.IllegalStateException: first, then"
                + " its onError failed: java.lang.IllegalArgumentException: second");
    }

    @Test
    void idleRunsOnIdle() {
        HarnessSession session = open(new Handler() {
            @Override
            public void onMessage(Conversation conversation, Received message) {
            }

            @Override
            public void onIdle(Conversation conversation) throws Exception {
                conversation.reply("still there?");
            }
        });

        session.idle();

        assertThat(session.replies()).extracting(Reply::value).containsExactly("still there?");
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void logKeepsTheHandlersLinesInOrder() {
        HarnessSession session = open((conversation, message) -> conversation.log("got " + message.text()));

        session.send("a");
        session.send("b");

        assertThat(session.log()).containsExactly("got a", "got b");
    }

    @Test
    void aDelayedValueTheCodecRefusesIsLoggedWhenItFallsDue() {
        HandlerHarness harness = HandlerHarness.builder((conversation, message) ->
                conversation.replyLater(Duration.ofSeconds(1), 42)).payload(TEXT).build();
        HarnessSession session = harness.open();
        session.send("x");

        harness.advance(Duration.ofSeconds(1));

        assertThat(session.log()).containsExactly("delayed reply not sent: text cannot encode a java.lang.Integer");
    }

    @Test
    void aDelayedReplyWithHeaderFieldsIsCheckedAtOnce() {
        List<String> refused = new ArrayList<>();
        HarnessSession session = openFramed((conversation, message) -> {
            try {
                conversation.replyLater(Duration.ofSeconds(1), "x", Map.of("opaque", 1));
            } catch (PayloadException e) {
                refused.add(e.getMessage());
            }
        });

        session.send("x");

        assertThat(refused).containsExactly("no header field 'opaque' (fields: opcode)");
    }

    @Test
    void headerFieldsTravelBothWaysThroughTheFraming() {
        HarnessSession session = openFramed((conversation, message) -> conversation.reply(
                message.text().toUpperCase(), Map.of("opcode", message.header().get("opcode") + 1)));

        Reply reply = session.send("ok", Map.of("opcode", 7)).get(0);

        assertThat(reply.value()).isEqualTo("OK");
        assertThat(reply.header()).isEqualTo(Map.of("opcode", 8L));
    }

    @Test
    void wireSizesAreTheFramings() {
        HarnessSession session = openFramed((conversation, message) ->
                conversation.reply(String.valueOf(message.wireSize())));

        Reply reply = session.send("abc").get(0);

        assertThat(reply.value()).isEqualTo("5");
        assertThat(reply.wireSize()).isEqualTo(3);
    }

    @Test
    void withoutAFramingAWireSizeIsTheBodysLength() {
        HarnessSession session = open((conversation, message) ->
                conversation.reply(String.valueOf(message.wireSize())));

        assertThat(session.send("abc").get(0).wireSize()).isEqualTo(1);
    }

    @Test
    void headerFieldsWithoutAFramingFailTheSend() {
        assertThatThrownBy(() -> open(ECHO).send("x", Map.of("opcode", 1))).isInstanceOf(AssertionError.class)
                .hasMessage("cannot frame the message to send: the harness has no framing, so it cannot set header"
                        + " fields (opcode): give one with builder(handler).framing(...)");
    }

    @Test
    void theHandlerSeesThePeerAndId() {
        HarnessSession session = open((conversation, message) ->
                conversation.reply(conversation.id() + " " + conversation.peer()));

        assertThat(session.send("x").get(0).text()).isEqualTo("1 127.0.0.1:50001");
        assertThat(session.id()).isEqualTo(1);
        assertThat(session.peer()).isEqualTo("127.0.0.1:50001");
    }

    @Test
    void textBodiesAreUtf8() {
        HarnessSession session = open((conversation, message) -> conversation.reply(message.body()));

        assertThat(session.send("我收到了").get(0).body()).isEqualTo("我收到了".getBytes(StandardCharsets.UTF_8));
    }
}
