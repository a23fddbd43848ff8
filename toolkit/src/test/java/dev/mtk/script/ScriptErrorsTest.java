package dev.mtk.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mtk.plugin.Registry;
import dev.mtk.testing.ScriptFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptErrorsTest {
    @TempDir
    Path dir;

    private ScriptError failure(String... lines) {
        Path file = ScriptFiles.write(dir, "scenario.groovy", lines);
        return catchThrowableOfType(ScriptError.class, () -> Scripts.runScenario(file, List.of(), Registry.builtIn()));
    }

    @Test
    void aPowerAssertShowsItsDiagram() {
        ScriptError error = failure("def sizes = [1, 2]", "assert sizes.size() == 3");

        assertThat(error.getMessage()).isEqualTo(dir.resolve("scenario.groovy") + ":2: assertion failed:\n"
                + "assert sizes.size() == 3\n"
                + "       |     |      |\n"
                + "       |     2      false\n"
                + "       [1, 2]");
    }

    @Test
    void anAssertWithAMessageIsAnAssertionFailureWithThatMessage() {
        ScriptError error = failure("// needs an address", "assert args : 'usage: scenario.groovy HOST:PORT'");

        assertThat(error.getMessage()).startsWith(dir.resolve("scenario.groovy")
                + ":2: assertion failed: usage: scenario.groovy HOST:PORT");
        assertThat(error.exitCode()).isEqualTo(ScriptError.FAILED);
    }

    @Test
    void anExceptionNamesItsClassAndTheScriptLine() {
        ScriptError error = failure("def missing = null", "", "missing.size()");

        assertThat(error.getMessage()).startsWith(dir.resolve("scenario.groovy") + ":3: java.lang.NullPointerException");
    }
}
