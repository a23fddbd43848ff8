package dev.mtk.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mtk.plugin.Registry;
import dev.mtk.spi.Handler;
import dev.mtk.session.Client;
import dev.mtk.session.ClientConfig;
import dev.mtk.session.ClientSession;
import dev.mtk.session.Profile;
import dev.mtk.session.Server;
import dev.mtk.session.ServerConfig;
import dev.mtk.testing.LogCapture;
import dev.mtk.testing.ScriptFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptsTest {
    @TempDir
    Path dir;
    private final LogCapture log = new LogCapture();

    @AfterEach
    void stopCapture() {
        log.close();
    }

    @Test
    void aCompileStaticScenarioTypeChecksAgainstTheDsl() {
        Path file = ScriptFiles.write(dir, "static.groovy",
                "import dev.mtk.script.*",
                "@groovy.transform.CompileStatic",
                "void scenario() {",
                "    ScriptServer srv = server(port: 0) {",
                "        onMessage { ScriptMessage msg -> reply([echo: msg.value, session: session.id]) }",
                "    }",
                "    ScriptClient c = connect(port: srv.port)",
                "    c.send([n: 1])",
                "    c.expect { ScriptMessage m -> (m.value as Map)['echo'] == [n: 1] }",
                "    parallel(2) { Integer i -> log \"run $i\" }",
                "}",
                "scenario()");

        assertThatCode(() -> Scripts.runScenario(file, List.of(), Registry.builtIn())).doesNotThrowAnyException();
    }

    @Test
    void aCompileStaticScriptThatMisusesTheDslDoesNotCompile() {
        Path file = ScriptFiles.write(dir, "static.groovy",
                "@groovy.transform.CompileStatic",
                "void scenario() {",
                "    server(port: 0) { onMessage { dev.mtk.script.ScriptMessage msg -> reply(msg.sizeInBytes) } }",
                "}",
                "scenario()");

        ScriptError error = catchThrowableOfType(ScriptError.class,
                () -> Scripts.runScenario(file, List.of(), Registry.builtIn()));

        assertThat(error.exitCode()).isEqualTo(ScriptError.USAGE);
        assertThat(error.getMessage()).startsWith(file + ":3:").contains("sizeInBytes");
    }

    @Test
    void aCompileStaticBehaviourScriptServesMessages() throws Exception {
        Path file = ScriptFiles.write(dir, "static-behaviour.groovy",
                "import dev.mtk.script.ScriptMessage",
                "@groovy.transform.CompileStatic",
                "void define() {",
                "    onMessage { ScriptMessage msg ->",
                "        session.state['seen'] = true",
                "        reply([count: shared.counter('messages').incrementAndGet()])",
                "    }",
                "}",
                "define()");
        Handler behaviour = Scripts.loadBehaviour(file);

        try (Server server = Server.start(ServerConfig.loopback(0, Profile.json()), behaviour);
                Client client = Client.open(ClientConfig.of(Profile.json()));
                ClientSession session = client.connect("127.0.0.1", server.port())) {
            session.send("{}");
            assertThat(session.receive(Duration.ofSeconds(5)).text()).isEqualTo("{\"count\":1}");
        }
    }

    @Test
    void aBehaviourScriptRepliesWithABinMessage() throws Exception {
        Path file = ScriptFiles.write(dir, "bin-behaviour.groovy",
                "onMessage { msg -> reply bin { u8 0x81; raw msg.body } }");
        Handler behaviour = Scripts.loadBehaviour(file);
        Profile bytes = Profile.json().withPayload(Registry.builtIn().payload("bytes"));

        try (Server server = Server.start(ServerConfig.loopback(0, bytes), behaviour);
                Client client = Client.open(ClientConfig.of(bytes));
                ClientSession session = client.connect("127.0.0.1", server.port())) {
            session.send("01 02");
            assertThat(session.receive(Duration.ofSeconds(5)).body()).containsExactly(0x81, 1, 2);
        }
    }
}
