package dev.mtk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.testing.InProcessMtk;
import dev.mtk.testing.InProcessMtk.Result;
import dev.mtk.testing.LogCapture;
import dev.mtk.testing.ScriptFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    private static final String NL = System.lineSeparator();

    @TempDir
    Path dir;
    private final LogCapture log = new LogCapture();

    @AfterEach
    void stopCapture() {
        log.close();
    }

    private Path script(String... lines) {
        return ScriptFiles.write(dir, "scenario.groovy", lines);
    }

    @Test
    void aScriptThatCompletesExitsZero() {
        Result run = InProcessMtk.run("run", script("assert 1 + 1 == 2").toString());

        assertThat(run.code()).isZero();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void wordsAfterTheFileAreTheScriptsArgsEvenWhenTheyLookLikeOptions() {
        Result run = InProcessMtk.run("run", script("log \"args: $args\"").toString(), "127.0.0.1:7373", "-p", "--quiet");

        assertThat(run.code()).as(run.err()).isZero();
        log.awaitContaining("script", "args: [127.0.0.1:7373, -p, --quiet]");
    }

    @Test
    void aScriptThatDoesNotCompileIsAUsageErrorNamingFileLineAndColumn() {
        Path file = script("def sizes = [1, 2]", "log 'size' )");

        Result run = InProcessMtk.run("run", file.toString());

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).matches("mtk run: " + java.util.regex.Pattern.quote(file.toString())
                + ":2:\\d+: Unexpected input: .*\\R");
    }

    @Test
    void aFailingAssertExitsOneWithTheLineAndTheDiagram() {
        Path file = script("def sizes = [1, 2]", "assert sizes.size() == 3");

        Result run = InProcessMtk.run("run", file.toString());

        assertThat(run.code()).isEqualTo(Mtk.FAILED);
        assertThat(run.err()).isEqualTo(file + ":2: assertion failed:" + NL
                + "assert sizes.size() == 3\n"
                + "       |     |      |\n"
                + "       |     2      false\n"
                + "       [1, 2]" + NL);
    }

    @Test
    void anExpectedValueThatDoesNotComeExitsOneNamingExpectedAndReceived() {
        Path file = script(
                "def srv = server(port: 0) { onMessage { msg -> reply([n: msg['n'] + 1]) } }",
                "def c = connect(port: srv.port)",
                "c.send([n: 1])",
                "c.expect(value: [n: 1])");

        Result run = InProcessMtk.run("run", file.toString());

        assertThat(run.code()).isEqualTo(Mtk.FAILED);
        assertThat(run.err()).isEqualTo(file + ":4: expected {\"n\":1}, received {\"n\":2}" + NL);
    }

    @Test
    void anExpectationThatTimesOutExitsOneSayingHowLongItWaited() {
        Path file = script(
                "def srv = server(port: 0) { onMessage { msg -> } }",
                "def c = connect(port: srv.port)",
                "c.send([n: 1])",
                "c.expect(value: [n: 1], timeout: 100)");

        Result run = InProcessMtk.run("run", file.toString());

        assertThat(run.code()).isEqualTo(Mtk.FAILED);
        assertThat(run.err()).matches(java.util.regex.Pattern.quote(file.toString())
                + ":4: expected a message from 127\\.0\\.0\\.1:\\d+ within 100 ms, received nothing\\R");
    }

    @Test
    void debugAddsTheStackTraceOfAFailure() {
        Result run = InProcessMtk.run("run", "--debug", script("assert false").toString());

        assertThat(run.code()).isEqualTo(Mtk.FAILED);
        assertThat(run.err()).contains("assertion failed:", "\tat ");
    }

    @Test
    void aFailureHasNoStackTraceWithoutDebug() {
        Result run = InProcessMtk.run("run", script("def missing = null", "missing.size()").toString());

        assertThat(run.code()).isEqualTo(Mtk.FAILED);
        assertThat(run.err()).contains(":2: java.lang.NullPointerException").doesNotContain("\tat ");
    }

    @Test
    void runWithoutAFileIsAUsageError() {
        Result run = InProcessMtk.run("run");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).startsWith("mtk run: no script given" + NL).contains("Run 'mtk run --help' for usage.");
    }

    @Test
    void aMissingScriptIsAUsageError() {
        Path missing = dir.resolve("nope.groovy");

        Result run = InProcessMtk.run("run", missing.toString());

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).isEqualTo("mtk run: no such script: " + missing + NL);
    }

    @Test
    void aFolderGivenAsTheScriptSaysItIsAFolder() {
        Result run = InProcessMtk.run("run", dir.toString());

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).isEqualTo("mtk run: cannot read script " + dir + ": a folder, not a file" + NL);
    }

    @Test
    void aBinaryFileGivenAsTheScriptSaysItIsNotTextAndWhere() throws Exception {
        Path archive = java.nio.file.Files.write(dir.resolve("file.tar.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0});

        Result run = InProcessMtk.run("run", archive.toString());

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).isEqualTo("mtk run: " + archive + " is not a text file (not UTF-8 at byte 1)" + NL);
    }

    @Test
    void aPortGivenAsTextFromTheArgumentsIsAccepted() {
        Path file = script(
                "def srv = server(port: 0)",
                "def c = connect(port: \"${srv.port}\")",
                "assert c.exchange([n: 1]).value == '我收到了'");

        Result run = InProcessMtk.run("run", file.toString());

        assertThat(run.code()).as(run.err()).isZero();
    }

    @Test
    void aBehaviourVerbAtTheTopOfAScenarioSaysWhereItBelongs() {
        Path file = script("onMessage { reply(it.value) }");

        Result run = InProcessMtk.run("run", file.toString());

        assertThat(run.code()).isEqualTo(Mtk.FAILED);
        assertThat(run.err()).startsWith(file + ":1: onMessage defines a server's behaviour: put it in a behaviour "
                + "script for 'mtk server --script FILE'");
    }
}
