package dev.mtk.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mtk.plugin.Registry;
import dev.mtk.testing.LogCapture;
import dev.mtk.testing.ScriptFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptClientTest {
    private static final String ECHO_SERVER = "def srv = server(port: 0) { onMessage { msg -> reply(msg.body) } }";

    @TempDir
    Path dir;
    private final LogCapture log = new LogCapture();

    @AfterEach
    void stopCapture() {
        log.close();
    }

    private void run(String... lines) throws ScriptError {
        Scripts.runScenario(ScriptFiles.write(dir, "scenario.groovy", lines), List.of(), Registry.builtIn());
    }

    @Test
    void aGStringInsideASentMapGoesOutAsItsText() {
        assertThatCode(() -> run(ECHO_SERVER,
                "def c = connect(port: srv.port)",
                "def name = 'Joel'",
                "c.send([greeting: \"hi $name\", tags: [\"${name}!\"]])",
                "assert c.receive().text == '{\"greeting\":\"hi Joel\",\"tags\":[\"Joel!\"]}'"))
                .doesNotThrowAnyException();
    }

    @Test
    void aMessagesHeaderFieldsAreReadByName() {
        assertThatCode(() -> run("def srv = server(port: 0, framing: 'memcached', payload: 'bytes') {",
                "  onMessage { msg -> reply(msg.body) } }",
                "def c = connect(port: srv.port, framing: 'memcached', payload: 'bytes')",
                "def r = c.request('80 0a 0000 00 00 0000 00000000 00000005 0000000000000000')",
                "assert r.header.opcode == 10",
                "assert r.header.opaque == 5"))
                .doesNotThrowAnyException();
    }

    @Test
    void expectValueMatchesAsTheScriptsEqualsWould() {
        assertThatCode(() -> run(ECHO_SERVER,
                "def c = connect(port: srv.port)",
                "def name = 'Joel'",
                "c.send('{\"name\":\"Joel\",\"price\":1.5,\"tags\":[\"go\"]}')",
                "c.expect(value: [name: \"$name\", price: 1.5, tags: [\"${'go'}\"]])"))
                .doesNotThrowAnyException();
    }

    @Test
    void replyToTakesTheReplyWithTheSentIdWhicheverCameFirst() {
        assertThatCode(() -> run("def srv = server(port: 0, profile: 'reply') { onMessage { msg -> reply(msg.body) } }",
                "def c = connect(port: srv.port, profile: 'reply', correlate: '$.id')",
                "def first = c.send([id: 1])",
                "def second = c.send([id: 2])",
                "assert c.replyTo(second).value == [id: 2]",
                "c.replyTo(first, value: [id: 1])",
                "c.request([id: 3], value: [id: 3])"))
                .doesNotThrowAnyException();
    }

    @Test
    void replyToWithAValueThatDiffersSaysWhatCame() {
        ScriptError error = catchThrowableOfType(ScriptError.class, () -> run(
                "def srv = server(port: 0, profile: 'reply') { onMessage { msg -> reply(msg.body) } }",
                "def c = connect(port: srv.port, profile: 'reply', correlate: '$.id')",
                "c.replyTo(c.send([id: 1, n: 2]), value: [id: 1, n: 1])"));

        assertThat(error.getMessage()).isEqualTo(dir.resolve("scenario.groovy") + ":3: expected {\"id\":1,\"n\":1}, "
                + "received {\"id\":1,\"n\":2}");
    }

    @Test
    void expectWithAConditionThatIsFalseFails() {
        ScriptError error = catchThrowableOfType(ScriptError.class, () -> run(ECHO_SERVER,
                "def c = connect(port: srv.port)",
                "c.send([n: 2])",
                "c.expect { it.value.n == 1 }"));

        assertThat(error.getMessage()).isEqualTo(dir.resolve("scenario.groovy") + ":4: expected a message matching the "
                + "condition, received {\"n\":2}");
    }

    @Test
    void expectWithAConditionThatIsTrueAsGroovyTruthPasses() {
        assertThatCode(() -> run(ECHO_SERVER,
                "def c = connect(port: srv.port)",
                "c.send([n: 2])",
                "c.expect { it.value.n }"))
                .doesNotThrowAnyException();
    }

    @Test
    void expectValueShowsTheExpectedValueAsTheReceivedOneIsShown() {
        ScriptError error = catchThrowableOfType(ScriptError.class, () -> run(ECHO_SERVER,
                "def c = connect(port: srv.port)",
                "c.send([n: 2])",
                "c.expect(value: [n: 1])"));

        assertThat(error.getMessage()).isEqualTo(dir.resolve("scenario.groovy") + ":4: expected {\"n\":1}, received {\"n\":2}");
        assertThat(error.exitCode()).isEqualTo(ScriptError.FAILED);
    }
}
