package dev.mtk.bench;

import dev.mtk.spi.Conversation;
import dev.mtk.spi.Handler;
import dev.mtk.spi.Received;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test server's behaviour for request/reply JSON with ids ({@code {"id":7,...}}): a {@link Rule} says which replies
 * each request gets, given the requests this connection holds back; it records every request body it saw.
 */
public final class IdReplier implements Handler {
    /** The replies to send now for {@code request}; {@code held} is this connection's, for the rule to fill or empty. */
    interface Rule {
        List<Map<String, Object>> replies(Map<String, Object> request, List<Map<String, Object>> held);
    }

    public final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    private final Rule rule;

    private IdReplier(Rule rule) {
        this.rule = rule;
    }

    public static Map<String, Object> ok(Object id) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("id", id);
        reply.put("ok", true);
        return reply;
    }

    /** Answers every request at once with {@code rule}'s replies. */
    public static IdReplier answering(java.util.function.Function<Map<String, Object>, List<Map<String, Object>>> rule) {
        return new IdReplier((request, held) -> rule.apply(request));
    }

    /** Holds the first request's reply until the second request comes, then sends both. */
    public static IdReplier answeringTheFirstWithTheSecond() {
        return new IdReplier((request, held) -> {
            if (held.isEmpty() && ((Number) request.get("id")).longValue() == 1) {
                held.add(ok(request.get("id")));
                return List.of();
            }
            List<Map<String, Object>> replies = new ArrayList<>(held);
            held.clear();
            replies.add(ok(request.get("id")));
            return replies;
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onMessage(Conversation session, Received message) throws Exception {
        bodies.add(message.text());
        Map<String, Object> request = (Map<String, Object>) message.value();
        List<Map<String, Object>> held;
        // One connection's messages come one at a time; the lock only makes the held list safe to publish.
        synchronized (session.state()) {
            held = (List<Map<String, Object>>) session.state().computeIfAbsent("held", k -> new ArrayList<>());
            for (Map<String, Object> reply : rule.replies(request, held)) {
                session.reply(reply);
            }
        }
    }
}
