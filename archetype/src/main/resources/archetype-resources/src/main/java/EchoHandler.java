package ${package};

import dev.mtk.spi.Conversation;
import dev.mtk.spi.Handler;
import dev.mtk.spi.Received;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers every message with its decoded value under one key and how many messages its session has sent:
 * {@code {"id":1}} is answered {@code {"echo":{"id":1},"count":1}} in JSON. The answer is a map, so the session's
 * payload must encode one (json does; text does not).
 *
 * <p>One instance serves every session; mtk calls a session's callbacks one at a time, in order, on a worker
 * thread, so {@link Conversation#state()} needs no locking. Whatever a callback throws reaches
 * {@link Handler#onError}, which by default closes that session alone.
 */
final class EchoHandler implements Handler {
    static final String COUNT = "count";

    private final String key;

    EchoHandler(String key) {
        this.key = key;
    }

    @Override
    public void onMessage(Conversation session, Received message) throws Exception {
        Object count = session.state().merge(COUNT, 1L, (before, one) -> (Long) before + (Long) one);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(key, message.value());
        answer.put(COUNT, count);
        session.reply(answer);
    }
}
