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

    @Test
    void connectToAnAddressWithAPortOutOfRangeFailsInOneLine() {
        Path file = ScriptFiles.write(dir, "far.groovy", "connect('127.0.0.1:99999')");

        ScriptError error = catchThrowableOfType(ScriptError.class,
                () -> Scripts.runScenario(file, List.of(), Registry.builtIn()));

        assertThat(error.getMessage()).isEqualTo(file + ":1: not an address: '127.0.0.1:99999' (expected host:port or a"
                + " port)");
    }

    @Test
    void connectWithAPortOptionOutOfRangeFailsInOneLine() {
        Path file = ScriptFiles.write(dir, "far.groovy", "connect(port: 99999)");

        ScriptError error = catchThrowableOfType(ScriptError.class,
                () -> Scripts.runScenario(file, List.of(), Registry.builtIn()));

        assertThat(error.getMessage()).isEqualTo(file + ":1: port must be 1 to 65535, not 99999");
    }

    @Test
    void serverWithANegativePortFailsInOneLine() {
        Path file = ScriptFiles.write(dir, "negative.groovy", "server(port: -1)");

        ScriptError error = catchThrowableOfType(ScriptError.class,
                () -> Scripts.runScenario(file, List.of(), Registry.builtIn()));

        assertThat(error.getMessage()).isEqualTo(file + ":1: port must be 0 to 65535, not -1");
    }

    @Test
    void binBuildsAMessageThatABehaviourReadsBackWithMsgBytes() throws ScriptError {
        Path file = ScriptFiles.write(dir, "bin.groovy",
                "def srv = server(port: 0, payload: 'bytes', framing: 'length-field:width=2') {",
                "    onMessage { msg -> reply bin { u8 0x81; u16 msg.bytes.u16(1) + 1; str8 msg.bytes.str(4) } }",
                "}",
                "def c = connect(port: srv.port, payload: 'bytes', framing: 'length-field:width=2')",
                "def key = 'foo'",
                "c.send bin { u8 0x80; u16 41; u8 size(key); str key }",
                "def r = c.receive().bytes",
                "assert [r.u8(0), r.u16(1), r.u8(3), r.str(1 + r.u16(1) - 39)] == [0x81, 42, 3, 'foo']",
                "log 'bin round trip ok'");

        Scripts.runScenario(file, List.of(), Registry.builtIn());

        log.awaitContaining("script", "bin round trip ok");
    }

    @Test
    void aBinValueOutOfRangeFailsTheScriptWithOneLineNamingItsLine() {
        Path file = ScriptFiles.write(dir, "range.groovy",
                "def opaque = 1L << 32",
                "def frame = bin { u8 0x80; u32 opaque }");

        ScriptError error = catchThrowableOfType(ScriptError.class,
                () -> Scripts.runScenario(file, List.of(), Registry.builtIn()));

        assertThat(error.exitCode()).isEqualTo(ScriptError.FAILED);
        assertThat(error.getMessage()).isEqualTo(file + ":2: u32 takes 0 to 4294967295, not 4294967296");
    }
}
