package dev.mtk.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.mtk.plugin.Registry;
import dev.mtk.session.SeedHandler;
import dev.mtk.spi.Conversation;
import dev.mtk.spi.Handler;
import dev.mtk.spi.Received;
import dev.mtk.testing.ScriptFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopeDispatchTest {
    @TempDir
    Path dir;

    private void run(String... lines) throws ScriptError {
        Scripts.runScenario(ScriptFiles.write(dir, "scenario.groovy", lines), List.of(), Registry.builtIn());
    }

    /** A session with nobody behind it that keeps what is replied and the stack each reply was made from. */
    private static final class RecordingSession implements Conversation {
        final List<Object> replies = new ArrayList<>();
        final List<StackTraceElement[]> stacks = new ArrayList<>();
        private final Map<String, Object> state = new ConcurrentHashMap<>();

        public long id() { return 1; }
        public String peer() { return "127.0.0.1:1"; }
        public Map<String, Object> state() { return state; }
        public Map<String, Object> shared() { return Map.of(); }
        public int reply(Object value) {
            replies.add(value);
            stacks.add(new Throwable().getStackTrace());
            return 1;
        }
        public void replyLater(Duration delay, Object value) { throw new UnsupportedOperationException(); }
        public boolean isOpen() { return true; }
        public void close() { }
        public void close(String reason) { }
        public int idleSeconds() { return 0; }
        public void log(String line) { }
    }

    private record Body(String text) implements Received {
        public byte[] body() { return text.getBytes(StandardCharsets.UTF_8); }
        public Object value() { return Map.of("n", 1); }
        public boolean framed() { return true; }
        public int wireSize() { return text.length() + 4; }
        public String render() { return text; }
    }

    @Test
    void aDynamicCallbacksReplyReachesTheSessionWithoutGroovysMethodLookup() throws Exception {
        Handler handler = Scripts.loadBehaviour("onMessage { msg -> reply([n: msg['n']]) }", "dyn.groovy",
                new SeedHandler());
        RecordingSession session = new RecordingSession();

        handler.onMessage(session, new Body("{\"n\":1}"));

        assertThat(session.replies).containsExactly(Map.of("n", 1));
        // Groovy's own way resolves the scope's method on every call and invokes it by reflection.
        assertThat(Arrays.stream(session.stacks.get(0)).map(StackTraceElement::getClassName))
                .doesNotContain("org.codehaus.groovy.runtime.metaclass.ClosureMetaClass",
                        "org.codehaus.groovy.reflection.CachedMethod");
    }

    @Test
    void aScriptMethodNamedLikeAVerbDoesNotTakeOverTheCallbacksVerb() {
        assertThatCode(() -> run(
                "def reply(value) { throw new IllegalStateException('the script reply ran') }",
                "def srv = server(port: 0, exchange: 'reply') { onMessage { msg -> reply([n: msg['n']]) } }",
                "def c = connect(port: srv.port, exchange: 'reply')",
                "assert c.request([n: 1]).value == [n: 1]"))
                .doesNotThrowAnyException();
    }

    @Test
    void aClosureInsideACallbackRepliesThroughTheScope() {
        assertThatCode(() -> run(
                "def srv = server(port: 0, exchange: 'reply') { onMessage { msg -> [1, 2].each { reply([n: it]) } } }",
                "def c = connect(port: srv.port, exchange: 'reply')",
                "c.send([go: true])",
                "assert c.receive().value == [n: 1]",
                "assert c.receive().value == [n: 2]"))
                .doesNotThrowAnyException();
    }

    @Test
    void sessionAndSharedAreTheScopesInADynamicCallback() {
        assertThatCode(() -> run(
                "def srv = server(port: 0, exchange: 'reply') { onMessage { msg ->",
                "    session.state.seen = (session.state.seen ?: 0) + 1",
                "    reply([seen: session.state.seen, total: shared.counter('all').incrementAndGet()]) } }",
                "def c = connect(port: srv.port, exchange: 'reply')",
                "assert c.request([n: 1]).value == [seen: 1, total: 1]",
                "assert c.request([n: 2]).value == [seen: 2, total: 2]"))
                .doesNotThrowAnyException();
    }

    @Test
    void otherCallsInACallbackStillTakeGroovysWay() {
        assertThatCode(() -> run(
                "def twice(n) { n * 2 }",
                "def srv = server(port: 0, exchange: 'reply') { onMessage { msg -> reply([n: twice(msg['n'])]) } }",
                "def c = connect(port: srv.port, exchange: 'reply')",
                "assert c.request([n: 21]).value == [n: 42]"))
                .doesNotThrowAnyException();
    }

    @Test
    void aCallbackCanStillCloseItsSession() {
        assertThatCode(() -> run(
                "def srv = server(port: 0, exchange: 'reply') { onMessage { msg -> close() } }",
                "def c = connect(port: srv.port, exchange: 'reply')",
                "c.send([n: 1])",
                "try { c.receive(); assert false : 'a reply came' } catch (dev.mtk.script.ScriptFailure e) { }",
                "assert !c.open"))
                .doesNotThrowAnyException();
    }
}
