package dev.mtk.session;

import dev.mtk.spi.Conversation;
import dev.mtk.spi.Handler;
import dev.mtk.spi.HandlerProvider;
import dev.mtk.spi.Options;
import dev.mtk.spi.Received;

/**
 * {@code overtake}: a request/reply mock whose replies overtake each other, to try out a client's pairing of replies
 * with requests ({@code --correlate}). It takes a session's requests two by two and echoes the second before the
 * first, each with its own header fields (so {@code --correlate header.opaque} pairs them too); an odd request waits
 * for the next one.
 *
 * <pre>
 * client                      server
 *   | -- {"id":1} ----------->  |  held
 *   | -- {"id":2} ----------->  |
 *   | &lt;- {"id":2} ------------  |
 *   | &lt;- {"id":1} ------------  |
 * </pre>
 */
public final class OvertakeHandlerProvider implements HandlerProvider {

    @Override
    public String name() {
        return "overtake";
    }

    @Override
    public String description() {
        return "echoes requests two by two, the second first: replies that overtake each other";
    }

    @Override
    public Handler create(Options options) {
        return new Overtake();
    }

    /** The handler itself, for tests and the demo that want it without the registry. */
    public static Handler handler() {
        return new Overtake();
    }

    private static final class Overtake implements Handler, NonBlocking {
        private static final String HELD = Overtake.class.getName();

        @Override
        public void onMessage(Conversation session, Received message) throws Exception {
            Received held = (Received) session.state().remove(HELD);
            if (held == null) {
                session.state().put(HELD, message);
                return;
            }
            session.reply(message.body(), message.header());
            session.reply(held.body(), held.header());
        }
    }
}
