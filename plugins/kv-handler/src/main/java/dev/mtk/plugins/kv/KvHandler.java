package dev.mtk.plugins.kv;

import dev.mtk.spi.Conversation;
import dev.mtk.spi.Handler;
import dev.mtk.spi.Received;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory key/value store over JSON. Each request is a JSON object and gets exactly one JSON object back:
 *
 * <pre>
 * {"op":"put","key":K,"value":V}   -&gt; {"ok":true}
 * {"op":"get","key":K}             -&gt; {"ok":true,"value":V}  or  {"ok":false,"error":"no such key: K"}
 * {"op":"delete","key":K}          -&gt; {"ok":true,"deleted":true}  (false when there was no such key)
 * {"op":"stats"}                   -&gt; {"ok":true,"session":{"requests":n},"global":{"requests":N,"keys":K}}
 * {"op":X}, any other X            -&gt; {"ok":false,"error":"unknown op: X"}
 * a put, get or delete without a string key   -&gt; {"ok":false,"error":"missing key"}
 * a put without a value (or a null one)        -&gt; {"ok":false,"error":"missing value"}
 * </pre>
 *
 * "requests" counts every request answered, this one included: n on this connection, N on all of them. The store
 * and N are shared by every session (sessions are served on several worker threads at once, hence the concurrent
 * map and the atomic counter); n lives in the session's state.
 */
final class KvHandler implements Handler {
    private static final String REQUESTS = "kv.requests";

    private final Map<String, Object> store = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    @Override
    public void onMessage(Conversation session, Received message) throws Exception {
        // One session's messages arrive one at a time, so its own count needs no atomic.
        long sessionRequests = (Long) session.state().merge(REQUESTS, 1L, (a, b) -> (Long) a + (Long) b);
        long allRequests = requests.incrementAndGet();
        Map<?, ?> request = message.value() instanceof Map<?, ?> map ? map : Map.of();
        session.reply(answer(request, sessionRequests, allRequests));
    }

    private Map<String, Object> answer(Map<?, ?> request, long sessionRequests, long allRequests) {
        Object op = request.get("op");
        Object key = request.get("key");
        boolean keyed = "put".equals(op) || "get".equals(op) || "delete".equals(op);
        if (keyed && !(key instanceof String)) {
            return failure("missing key");
        }
        if ("put".equals(op)) {
            Object value = request.get("value");
            if (value == null) {
                return failure("missing value");
            }
            store.put((String) key, value);
            return success();
        }
        if ("get".equals(op)) {
            Object value = store.get(key);
            if (value == null) {
                return failure("no such key: " + key);
            }
            Map<String, Object> answer = success();
            answer.put("value", value);
            return answer;
        }
        if ("delete".equals(op)) {
            Map<String, Object> answer = success();
            answer.put("deleted", store.remove(key) != null);
            return answer;
        }
        if ("stats".equals(op)) {
            Map<String, Object> answer = success();
            answer.put("session", Map.of("requests", sessionRequests));
            Map<String, Object> global = new LinkedHashMap<>();
            global.put("requests", allRequests);
            global.put("keys", store.size());
            answer.put("global", global);
            return answer;
        }
        return failure("unknown op: " + op);
    }

    private static Map<String, Object> success() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        return answer;
    }

    private static Map<String, Object> failure(String error) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", false);
        answer.put("error", error);
        return answer;
    }
}
