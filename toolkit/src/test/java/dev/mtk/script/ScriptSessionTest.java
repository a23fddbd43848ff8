package dev.mtk.script;

import static org.assertj.core.api.Assertions.assertThatCode;

import dev.mtk.plugin.Registry;
import dev.mtk.testing.LogCapture;
import dev.mtk.testing.ScriptFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptSessionTest {
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
    void aGStringInsideARepliedMapGoesOutAsItsText() {
        assertThatCode(() -> run(
                "def srv = server(port: 0) { onMessage { msg -> reply([error: \"no such key: ${msg['key']}\"]) } }",
                "def c = connect(port: srv.port)",
                "c.send([key: 'k'])",
                "assert c.receive().text == '{\"error\":\"no such key: k\"}'"))
                .doesNotThrowAnyException();
    }

    @Test
    void aGStringInsideADelayedReplyGoesOutAsItsText() {
        assertThatCode(() -> run(
                "def srv = server(port: 0) { onMessage { msg -> replyLater(1, [late: [\"${msg['n'] + 1}\"]]) } }",
                "def c = connect(port: srv.port)",
                "c.send([n: 1])",
                "assert c.receive().text == '{\"late\":[\"2\"]}'"))
                .doesNotThrowAnyException();
    }
}
