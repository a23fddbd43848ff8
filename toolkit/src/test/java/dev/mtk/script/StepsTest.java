package dev.mtk.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mtk.plugin.Registry;
import dev.mtk.testing.LogCapture;
import dev.mtk.testing.ScriptFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code step}, {@code pause}, {@code user} and {@code iteration}: the load verbs, as {@code mtk run} runs them. */
class StepsTest {
    @TempDir
    Path dir;
    private final LogCapture log = new LogCapture();

    @AfterEach
    void stopCapture() {
        log.close();
    }

    private void run(String... lines) throws ScriptError {
        Scripts.runScenario(ScriptFiles.write(dir, "steps.groovy", lines), List.of(), Registry.builtIn());
    }

    private ScriptError failure(String... lines) {
        Path file = ScriptFiles.write(dir, "steps.groovy", lines);
        return catchThrowableOfType(ScriptError.class, () -> Scripts.runScenario(file, List.of(), Registry.builtIn()));
    }

    @Test
    void aStepReturnsWhatItsClosureReturned() throws ScriptError {
        run("def token = step('login') { 't-' + 7 }", "log \"token ${token}\"");

        log.awaitContaining("script", "token t-7");
    }

    @Test
    void aFailingStepFailsTheRunNamingTheStepAndTheScriptLine() {
        ScriptError error = failure("step('login') {", "  assert 1 == 2", "}");

        assertThat(error.exitCode()).isEqualTo(ScriptError.FAILED);
        assertThat(error.getMessage()).startsWith(dir.resolve("steps.groovy") + ":2: step 'login': assertion failed:");
    }

    @Test
    void aStepNamedIterationIsRefusedInOneLine() {
        ScriptError error = failure("step('iteration') { 1 }");

        assertThat(error.getMessage()).isEqualTo(dir.resolve("steps.groovy") + ":1: a step cannot be named "
                + "'iteration': the report uses that name for the whole iteration");
    }

    @Test
    void underRunTheScriptIsUserZerosIterationZero() throws ScriptError {
        run("log \"user ${user} iteration ${iteration}\"");

        log.awaitContaining("script", "user 0 iteration 0");
    }

    @Test
    void pauseTakesMillisecondsOrADurationWithAUnit() throws ScriptError {
        run("def t = System.nanoTime()", "pause 30", "pause '30ms'", "pause '0.03s'",
                "assert System.nanoTime() - t >= 90_000_000L", "log 'paused'");

        log.awaitContaining("script", "paused");
    }

    @Test
    void pauseOfTextWithoutAUnitIsRefusedRatherThanGuessed() {
        ScriptError error = failure("pause '500'");

        assertThat(error.getMessage()).isEqualTo(dir.resolve("steps.groovy") + ":1: pause('500') needs a unit, as "
                + "in '500ms' or '500s' (a number alone is milliseconds: pause(500))");
    }

    @Test
    void aStepsTimeLeavesOutItsPauses() throws Throwable {
        List<Long> times = new ArrayList<>();
        StepObserver observer = new StepObserver() {
            @Override
            public void passed(String step, long nanos) {
                times.add(nanos);
            }

            @Override
            public void failed(String step, Throwable failure) {
            }
        };
        Path file = ScriptFiles.write(dir, "paused.groovy", "step('think') { pause 300 }");
        try (Scenario scenario = Scenario.compile(file, List.of(), Registry.builtIn(), true)) {
            scenario.iterate(0, 0, observer);
        }

        assertThat(times).hasSize(1);
        assertThat(times.get(0)).isLessThan(300_000_000L);
    }

    @Test
    void aFailedStepIsReportedToTheObserverWithItsKind() throws Throwable {
        List<FailureKind> kinds = new ArrayList<>();
        StepObserver observer = new StepObserver() {
            @Override
            public void passed(String step, long nanos) {
            }

            @Override
            public void failed(String step, Throwable failure) {
                kinds.add(FailureKind.of(failure));
            }
        };
        Path file = ScriptFiles.write(dir, "fails.groovy", "step('check') { assert false }");
        try (Scenario scenario = Scenario.compile(file, List.of(), Registry.builtIn(), true)) {
            Throwable thrown = catchThrowableOfType(Throwable.class, () -> scenario.iterate(0, 0, observer));
            assertThat(FailureKind.of(thrown)).isEqualTo(FailureKind.ASSERTION);
        }

        assertThat(kinds).containsExactly(FailureKind.ASSERTION);
    }

    @Test
    void underLoadServerWithTheSameOptionsIsStartedOnceForEveryIteration() throws Throwable {
        Path file = ScriptFiles.write(dir, "mock.groovy",
                "def seen = shared.map('ports')",
                "seen[server(port: 0).port] = true",
                "assert seen.size() == 1");
        try (Scenario scenario = Scenario.compile(file, List.of(), Registry.builtIn(), true)) {
            scenario.iterate(0, 0, StepObserver.NONE);
            scenario.iterate(1, 0, StepObserver.NONE);
            scenario.iterate(0, 1, StepObserver.NONE);
        }
    }

    @Test
    void underRunEachServerCallStartsItsOwnServer() throws ScriptError {
        run("assert server(port: 0).port != server(port: 0).port", "log 'two servers'");

        log.awaitContaining("script", "two servers");
    }

    @Test
    void feedGivesEachUserItsOwnRowFromAFileBesideTheScript() throws Throwable {
        ScriptFiles.write(dir, "users.csv", "name,password", "alice,a1", "bob,b2");
        Path file = ScriptFiles.write(dir, "fed.groovy", "log \"user ${user} is ${feed('users.csv').name}\"");
        try (Scenario scenario = Scenario.compile(file, List.of(), Registry.builtIn(), true)) {
            scenario.iterate(1, 0, StepObserver.NONE);
            scenario.iterate(0, 3, StepObserver.NONE);
        }

        log.awaitContaining("script", "user 1 is bob");
        log.awaitContaining("script", "user 0 is alice");
    }

    @Test
    void feedForAUserPastTheLastRowFailsNamingTheFileUnlessItCycles() throws Throwable {
        ScriptFiles.write(dir, "users.csv", "name", "alice", "bob");
        Path file = ScriptFiles.write(dir, "fed.groovy", "log \"user ${user} is ${feed('users.csv', cycle: user > 2).name}\"");
        try (Scenario scenario = Scenario.compile(file, List.of(), Registry.builtIn(), true)) {
            Throwable failure = catchThrowableOfType(Throwable.class, () -> scenario.iterate(2, 0, StepObserver.NONE));
            scenario.iterate(3, 0, StepObserver.NONE);

            assertThat(scenario.describeBriefly(failure)).contains(":1: " + dir.resolve("users.csv") + " has 2 rows; "
                    + "user 2 has none");
        }

        log.awaitContaining("script", "user 3 is bob");
    }

    @Test
    void underRunFeedGivesTheFirstRow() throws ScriptError {
        ScriptFiles.write(dir, "rows.jsonl", "{\"name\": \"alice\", \"id\": 7}", "{\"name\": \"bob\", \"id\": 8}");
        run("def row = feed('rows.jsonl')", "log \"${row.name} ${row.id}\"");

        log.awaitContaining("script", "alice 7");
    }

    @Test
    void aFeederFileThatCannotBeReadIsReadOnceAndFailsEveryIterationAlike() throws Throwable {
        Path file = ScriptFiles.write(dir, "fed.groovy", "log \"user ${user} is ${feed('users.csv').name}\"");
        try (Scenario scenario = Scenario.compile(file, List.of(), Registry.builtIn(), true)) {
            Throwable first = catchThrowableOfType(Throwable.class, () -> scenario.iterate(0, 0, StepObserver.NONE));
            ScriptFiles.write(dir, "users.csv", "name", "alice");
            Throwable second = catchThrowableOfType(Throwable.class, () -> scenario.iterate(0, 1, StepObserver.NONE));

            assertThat(scenario.describeBriefly(first)).contains(dir.resolve("users.csv") + ": no such file");
            assertThat(second).as("the file is not read again for the next iteration").isNotNull();
            assertThat(scenario.describeBriefly(second)).isEqualTo(scenario.describeBriefly(first));
        }
    }
}
