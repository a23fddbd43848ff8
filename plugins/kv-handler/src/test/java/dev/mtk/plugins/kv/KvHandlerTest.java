package dev.mtk.plugins.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.spi.Options;
import dev.mtk.testkit.HandlerHarness;
import dev.mtk.testkit.HarnessSession;
import dev.mtk.testkit.Reply;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KvHandlerTest {
    private final HandlerHarness harness = HandlerHarness.builder(new KvHandler()).payload(new JsonCodec()).build();
    private final HarnessSession session = harness.open();

    /** Sends {@code request} in {@code from} and returns the one reply every request gets. */
    private static Object ask(HarnessSession from, Object request) {
        List<Reply> replies = from.send(request);
        assertThat(replies).as("replies to %s", request).hasSize(1);
        return replies.get(0).value();
    }

    private Object ask(Object request) {
        return ask(session, request);
    }

    private static Map<String, Object> request(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void putThenGetGivesTheValueBack() {
        assertThat(ask(request("op", "put", "key", "a", "value", List.of(1, 2)))).isEqualTo(Map.of("ok", true));

        assertThat(ask(request("op", "get", "key", "a"))).isEqualTo(Map.of("ok", true, "value", List.of(1, 2)));
    }

    @Test
    void getOfAMissingKeyIsAnError() {
        assertThat(ask(request("op", "get", "key", "nope")))
                .isEqualTo(Map.of("ok", false, "error", "no such key: nope"));
    }

    @Test
    void deleteSaysWhetherTheKeyWasThere() {
        ask(request("op", "put", "key", "a", "value", 1));

        assertThat(ask(request("op", "delete", "key", "a"))).isEqualTo(Map.of("ok", true, "deleted", true));
        assertThat(ask(request("op", "delete", "key", "a"))).isEqualTo(Map.of("ok", true, "deleted", false));
    }

    @Test
    void aKeyPutInOneSessionIsReadInAnother() {
        ask(request("op", "put", "key", "a", "value", "x"));

        assertThat(ask(harness.open(), request("op", "get", "key", "a"))).isEqualTo(Map.of("ok", true, "value", "x"));
    }

    @Test
    void statsCountThisSessionsAndEveryRequestAndTheKeys() {
        ask(harness.open(), request("op", "put", "key", "x", "value", 1));
        ask(request("op", "put", "key", "a", "value", 1));

        assertThat(ask(request("op", "stats"))).isEqualTo(Map.of("ok", true, "session", Map.of("requests", 2),
                "global", Map.of("requests", 3, "keys", 2)));
    }

    @Test
    void theSessionsCountLivesInItsState() {
        ask(request("op", "stats"));

        assertThat(session.state()).isEqualTo(Map.of("kv.requests", 1L));
    }

    @Test
    void aKeyedOpWithoutAStringKeyIsAnError() {
        assertThat(ask(request("op", "get", "key", 5))).isEqualTo(Map.of("ok", false, "error", "missing key"));
    }

    @Test
    void aPutWithoutAValueIsAnError() {
        assertThat(ask(request("op", "put", "key", "a"))).isEqualTo(Map.of("ok", false, "error", "missing value"));
    }

    @Test
    void anUnknownOpIsNamed() {
        assertThat(ask(request("op", "rename"))).isEqualTo(Map.of("ok", false, "error", "unknown op: rename"));
        assertThat(ask(request())).isEqualTo(Map.of("ok", false, "error", "unknown op: null"));
    }

    @Test
    void aRequestThatIsNotAnObjectHasNoOp() {
        assertThat(ask("[1, 2]")).isEqualTo(Map.of("ok", false, "error", "unknown op: null"));
    }

    @Test
    void theSessionStaysOpenAfterAnError() {
        ask(request("op", "rename"));

        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void theProviderIsCalledKvAndTakesNoOptions() {
        KvHandlerProvider provider = new KvHandlerProvider();

        assertThat(provider.name()).isEqualTo("kv");
        assertThat(provider.options()).isEmpty();
        assertThat(provider.create(Options.none())).isInstanceOf(KvHandler.class);
    }
}
