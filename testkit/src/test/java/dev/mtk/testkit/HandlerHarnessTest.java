package dev.mtk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.Conversation;
import dev.mtk.spi.Handler;
import dev.mtk.spi.Received;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandlerHarnessTest {
    private static final TextCodec TEXT = new TextCodec();

    /** Answers each message after as many seconds as its text says, with the text. */
    private static final Handler LATER = (session, message) ->
            session.replyLater(Duration.ofSeconds(Long.parseLong(message.text())), message.text());

    private static HandlerHarness harness(Handler handler) {
        return HandlerHarness.builder(handler).payload(TEXT).build();
    }

    @Test
    void buildRequiresAPayloadCodec() {
        assertThatThrownBy(() -> HandlerHarness.builder(LATER).build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("a payload codec is required: HandlerHarness.builder(handler).payload(codec)");
    }

    @Test
    void idleSecondsMustNotBeNegative() {
        assertThatThrownBy(() -> HandlerHarness.builder(LATER).idleSeconds(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("idleSeconds must not be negative: -1");
    }

    @Test
    void openRunsOnOpen() {
        HandlerHarness harness = harness(new Handler() {
            @Override
            public void onOpen(Conversation session) throws Exception {
                session.reply("hello " + session.id());
            }

            @Override
            public void onMessage(Conversation session, Received message) {
            }
        });

        assertThat(harness.open().replies()).extracting(Reply::value).containsExactly("hello 1");
        assertThat(harness.open().replies()).extracting(Reply::value).containsExactly("hello 2");
    }

    @Test
    void sessionsListsEveryOpenedSessionInOrder() {
        HandlerHarness harness = harness(LATER);
        HarnessSession first = harness.open();
        HarnessSession second = harness.open();
        first.disconnect();

        assertThat(harness.sessions()).containsExactly(first, second);
    }

    @Test
    void sharedIsOneMapForEverySession() throws Exception {
        HandlerHarness harness = harness((session, message) ->
                session.reply(String.valueOf(session.shared().merge("count", 1, (a, b) -> (Integer) a + 1))));

        harness.open().send("x");
        List<Reply> replies = harness.open().send("x");

        assertThat(replies).extracting(Reply::value).containsExactly("2");
        assertThat(harness.shared()).isEqualTo(Map.of("count", 2));
    }

    @Test
    void aDelayedReplyWaitsForTheClock() {
        HandlerHarness harness = harness(LATER);
        HarnessSession session = harness.open();

        assertThat(session.send("5")).isEmpty();
        harness.advance(Duration.ofSeconds(4));
        assertThat(session.replies()).isEmpty();
        harness.advance(Duration.ofSeconds(1));

        assertThat(session.replies()).extracting(Reply::value).containsExactly("5");
    }

    @Test
    void delayedRepliesLeaveInTheOrderTheyFallDue() {
        HandlerHarness harness = harness(LATER);
        HarnessSession first = harness.open();
        HarnessSession second = harness.open();
        first.send("3");
        second.send("1");
        first.send("2");
        first.send("3");

        harness.advance(Duration.ofSeconds(10));

        assertThat(first.replies()).extracting(Reply::value).containsExactly("2", "3", "3");
        assertThat(second.replies()).extracting(Reply::value).containsExactly("1");
    }

    @Test
    void aDelayedReplyIsDroppedWhenItsSessionClosedBefore() {
        HandlerHarness harness = harness(LATER);
        HarnessSession session = harness.open();
        session.send("1");
        session.disconnect();

        harness.advance(Duration.ofSeconds(1));

        assertThat(session.replies()).isEmpty();
    }

    @Test
    void elapsedIsHowFarTheClockWasAdvanced() {
        HandlerHarness harness = harness(LATER);
        harness.advance(Duration.ofMillis(1500));
        harness.advance(Duration.ofMillis(500));

        assertThat(harness.elapsed()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void advanceRefusesToGoBack() {
        assertThatThrownBy(() -> harness(LATER).advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("time only goes forward: PT-1S");
    }

    @Test
    void idleSecondsIsWhatTheHandlerIsTold() {
        HandlerHarness harness = HandlerHarness.builder(LATER).payload(TEXT).idleSeconds(30).build();
        HarnessSession session = harness.open();

        session.idle();

        assertThat(session.closeReason()).isEqualTo("idle for 30 s");
    }
}
