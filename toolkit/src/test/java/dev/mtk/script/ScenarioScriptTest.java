package dev.mtk.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mtk.plugin.Registry;
import dev.mtk.testing.LogCapture;
import dev.mtk.testing.ScriptFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioScriptTest {
    @TempDir
    Path dir;
    private final LogCapture log = new LogCapture();

    @AfterEach
    void stopCapture() {
        log.close();
    }

    private Path checking() {
        return ScriptFiles.write(dir, "check.groovy",
                "def words = usage 'mtk run check.groovy HOST:PORT NAME [TIMEOUT_MS]'",
                "log \"checking ${words[0]} as ${words[1]}\"");
    }

    @Test
    void usageWithTooFewArgumentsExitsTwoNamingWhatIsMissingAndTheUsageLine() {
        ScriptError error = catchThrowableOfType(ScriptError.class,
                () -> Scripts.runScenario(checking(), List.of("127.0.0.1:7373"), Registry.builtIn()));

        assertThat(error.exitCode()).isEqualTo(ScriptError.USAGE);
        assertThat(error.getMessage()).isEqualTo("missing NAME; usage: mtk run check.groovy HOST:PORT NAME [TIMEOUT_MS]");
    }

    @Test
    void usageWithTheRequiredArgumentsReturnsThemAndTheScriptGoesOn() throws ScriptError {
        Scripts.runScenario(checking(), List.of("127.0.0.1:7373", "alice"), Registry.builtIn());

        log.awaitContaining("script", "checking 127.0.0.1:7373 as alice");
    }
}
