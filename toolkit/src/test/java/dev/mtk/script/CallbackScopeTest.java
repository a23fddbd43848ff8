package dev.mtk.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.Conversation;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class CallbackScopeTest {
    private final CallbackScope scope = new CallbackScope(new SharedState());

    /** A session that has state and nothing else: all a scope looks at. */
    private static Conversation session() {
        Map<String, Object> state = new ConcurrentHashMap<>();
        return (Conversation) Proxy.newProxyInstance(Conversation.class.getClassLoader(),
                new Class<?>[] {Conversation.class}, (proxy, method, args) -> {
                    if (method.getName().equals("state")) {
                        return state;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aCallbackSeesTheSessionItServes() {
        ScriptSession served = ScriptSession.of(session());

        scope.enter(served);

        assertThat(scope.getSession()).isSameAs(served);
    }

    @Test
    void afterTheCallbackTheSessionIsGoneFromTheThread() {
        scope.enter(ScriptSession.of(session()));
        scope.exit();

        assertThatThrownBy(scope::getSession).isInstanceOf(ScriptFailure.class).hasMessageContaining("no session here");
    }

    @Test
    void theNextCallbackSeesItsOwnSession() {
        scope.enter(ScriptSession.of(session()));
        scope.exit();
        ScriptSession next = ScriptSession.of(session());

        scope.enter(next);

        assertThat(scope.getSession()).isSameAs(next);
    }
}
