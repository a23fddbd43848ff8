package dev.mtk.session;

import dev.mtk.spi.Conversation;
import dev.mtk.spi.Handler;
import dev.mtk.spi.HandlerProvider;
import dev.mtk.spi.Options;
import dev.mtk.spi.Received;

/** {@code silent}: answers nothing (the server logs each message all the same); the {@code oneway} exchange's. */
public final class SilentHandlerProvider implements HandlerProvider {

    @Override
    public String name() {
        return "silent";
    }

    @Override
    public String description() {
        return "answers nothing; the server still logs each message";
    }

    @Override
    public Handler create(Options options) {
        return new Silent();
    }

    private static final class Silent implements Handler, NonBlocking {
        @Override
        public void onMessage(Conversation session, Received message) {
            // One way: the message is logged by the server, and nobody waits for an answer.
        }
    }
}
