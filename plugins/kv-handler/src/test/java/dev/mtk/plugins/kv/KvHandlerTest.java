package dev.mtk.plugins.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.spi.Options;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class KvHandlerTest {
    private final KvHandler handler = new KvHandler();
    private final Map<String, Object> shared = new ConcurrentHashMap<>();
    private final FakeConversation session = new FakeConversation(shared);

    private Object ask(Map<String, Object> request) throws Exception {
        handler.onMessage(session, Request.of(request));
        return session.lastReply();
    }

    private static Map<String, Object> request(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void putThenGetGivesTheValueBack() throws Exception {
        assertThat(ask(request("op", "put", "key", "a", "value", List.of(1, 2)))).isEqualTo(Map.of("ok", true));

        assertThat(ask(request("op", "get", "key", "a"))).isEqualTo(Map.of("ok", true, "value", List.of(1, 2)));
    }

    @Test
    void getOfAMissingKeyIsAnError() throws Exception {
        assertThat(ask(request("op", "get", "key", "nope"))).isEqualTo(Map.of("ok", false, "error", "no such key: nope"));
    }

    @Test
    void deleteSaysWhetherTheKeyWasThere() throws Exception {
        ask(request("op", "put", "key", "a", "value", 1));

        assertThat(ask(request("op", "delete", "key", "a"))).isEqualTo(Map.of("ok", true, "deleted", true));
        assertThat(ask(request("op", "delete", "key", "a"))).isEqualTo(Map.of("ok", true, "deleted", false));
    }

    @Test
    void statsCountThisSessionsAndEveryRequestAndTheKeys() throws Exception {
        FakeConversation other = new FakeConversation(shared);
        handler.onMessage(other, Request.of(request("op", "put", "key", "x", "value", 1)));
        ask(request("op", "put", "key", "a", "value", 1));

        assertThat(ask(request("op", "stats"))).isEqualTo(Map.of("ok", true, "session", Map.of("requests", 2L),
                "global", Map.of("requests", 3L, "keys", 2)));
    }

    @Test
    void aKeyedOpWithoutAStringKeyIsAnError() throws Exception {
        assertThat(ask(request("op", "get", "key", 5))).isEqualTo(Map.of("ok", false, "error", "missing key"));
    }

    @Test
    void aPutWithoutAValueIsAnError() throws Exception {
        assertThat(ask(request("op", "put", "key", "a"))).isEqualTo(Map.of("ok", false, "error", "missing value"));
    }

    @Test
    void anUnknownOpIsNamed() throws Exception {
        assertThat(ask(request("op", "rename"))).isEqualTo(Map.of("ok", false, "error", "unknown op: rename"));
        assertThat(ask(request())).isEqualTo(Map.of("ok", false, "error", "unknown op: null"));
    }


    @Test
    void theProviderIsCalledKvAndTakesNoOptions() {
        KvHandlerProvider provider = new KvHandlerProvider();

        assertThat(provider.name()).isEqualTo("kv");
        assertThat(provider.options()).isEmpty();
        assertThat(provider.create(Options.none())).isInstanceOf(KvHandler.class);
    }
}
