package dev.mtk.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mtk.plugin.Registry;
import dev.mtk.testing.ScriptFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessExitCheckTest {
    @TempDir
    Path dir;

    private ScriptError refused(String... lines) {
        Path file = ScriptFiles.write(dir, "ending.groovy", lines);
        ScriptError error = catchThrowableOfType(ScriptError.class, () -> Scripts.loadBehaviour(file));
        assertThat(error).as("the compile error").isNotNull();
        assertThat(error.exitCode()).isEqualTo(ScriptError.USAGE);
        return error;
    }

    @Test
    void systemExitInACallbackIsRefusedAtItsLineAndColumn() {
        ScriptError error = refused("onMessage { msg ->", "    System.exit(0)", "}");

        assertThat(error.getMessage()).isEqualTo(dir.resolve("ending.groovy") + ":2:5: System.exit is not allowed in a "
                + "script: it would end the whole process; close() ends a session, throw fails a callback");
    }

    @Test
    void aStaticallyImportedExitIsRefused() {
        ScriptError error = refused("import static java.lang.System.exit", "onOpen { exit(3) }");

        assertThat(error.getMessage()).contains("ending.groovy:2:").contains("System.exit is not allowed in a script");
    }

    @Test
    void runtimeHaltIsRefused() {
        ScriptError error = refused("onOpen {", "    Runtime.getRuntime().halt(1)", "}");

        assertThat(error.getMessage()).contains("ending.groovy:2:").contains("Runtime.halt is not allowed in a script");
    }

    @Test
    void runtimeExitThroughTheRuntimePropertyIsRefused() {
        ScriptError error = refused("onOpen { Runtime.runtime.exit(1) }");

        assertThat(error.getMessage()).contains("ending.groovy:1:").contains("Runtime.exit is not allowed in a script");
    }

    @Test
    void exitOnAVariableDeclaredRuntimeIsRefused() {
        ScriptError error = refused("Runtime jvm = Runtime.getRuntime()", "onOpen { jvm.exit(2) }");

        assertThat(error.getMessage()).contains("ending.groovy:2:").contains("Runtime.exit is not allowed in a script");
    }

    @Test
    void aMethodPointerToSystemExitIsRefused() {
        ScriptError error = refused("def stop = System.&exit", "onOpen { stop(0) }");

        assertThat(error.getMessage()).contains("ending.groovy:1:").contains("System.exit is not allowed in a script");
    }

    @Test
    void everyRefusedCallIsOneLine() {
        ScriptError error = refused("onOpen { System.exit(0) }", "onClose { System.exit(1) }");

        assertThat(error.getMessage().lines()).hasSize(2).allMatch(line -> line.contains("System.exit is not allowed"));
    }

    @Test
    void aScenarioScriptCallingSystemExitIsRefusedToo() {
        Path file = ScriptFiles.write(dir, "scenario.groovy", "log 'bye'", "System.exit(0)");

        ScriptError error = catchThrowableOfType(ScriptError.class,
                () -> Scripts.runScenario(file, List.of(), Registry.builtIn()));

        assertThat(error.exitCode()).isEqualTo(ScriptError.USAGE);
        assertThat(error.getMessage()).startsWith(file + ":2:").contains("System.exit is not allowed in a script");
    }

    @Test
    void aMethodCalledExitOnAnythingElseCompiles() {
        Path file = ScriptFiles.write(dir, "door.groovy",
                "def door = [exit: { -> 'out' }]",
                "onMessage { msg -> reply([way: door.exit()]) }");

        assertThatCode(() -> Scripts.loadBehaviour(file)).doesNotThrowAnyException();
    }
}
