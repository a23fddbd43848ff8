package dev.mtk.testing;

import dev.mtk.spi.Conversation;
import dev.mtk.spi.Handler;
import dev.mtk.spi.Received;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request/reply server for tests: answers {@code {"op":"get","key":"a","id":7}} with
 * {@code {"id":7,"ok":true,"value":"A"}}, either at once or holding two requests and answering the second first, as
 * a multiplexed service whose slow request is overtaken does.
 */
public final class IdReplyHandler implements Handler {
    private static final String HELD = "held";

    private final boolean reversed;

    private IdReplyHandler(boolean reversed) {
        this.reversed = reversed;
    }

    /** Answers each request at once. */
    public static IdReplyHandler inOrder() {
        return new IdReplyHandler(false);
    }

    /** Holds the first of each two requests of a connection, and answers it after the second. */
    public static IdReplyHandler reversed() {
        return new IdReplyHandler(true);
    }

    /** The reply to {@code request}. */
    public static Map<String, Object> replyTo(Map<?, ?> request) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("id", request.get("id"));
        reply.put("ok", true);
        reply.put("value", String.valueOf(request.get("key")).toUpperCase(java.util.Locale.ROOT));
        return reply;
    }

    @Override
    public void onMessage(Conversation session, Received message) throws Exception {
        Map<?, ?> request = (Map<?, ?>) message.value();
        if (!reversed) {
            session.reply(replyTo(request));
            return;
        }
        Object held = session.state().remove(HELD);
        if (held == null) {
            session.state().put(HELD, request);
            return;
        }
        session.reply(replyTo(request));
        session.reply(replyTo((Map<?, ?>) held));
    }
}
