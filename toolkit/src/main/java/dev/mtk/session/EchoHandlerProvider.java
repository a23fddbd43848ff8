package dev.mtk.session;

import dev.mtk.spi.Conversation;
import dev.mtk.spi.Handler;
import dev.mtk.spi.HandlerProvider;
import dev.mtk.spi.Options;
import dev.mtk.spi.Received;

/**
 * {@code echo}: answers each message with its own body, and its own named header fields (so a reply carries its
 * request's {@code opaque} or stream id, and {@code --correlate header.NAME} pairs them).
 */
public final class EchoHandlerProvider implements HandlerProvider {

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String description() {
        return "answers each message with its own body";
    }

    @Override
    public Handler create(Options options) {
        return new Echo();
    }

    private static final class Echo implements Handler, NonBlocking {
        @Override
        public void onMessage(Conversation session, Received message) throws Exception {
            session.reply(message.body(), message.header());
        }
    }
}
