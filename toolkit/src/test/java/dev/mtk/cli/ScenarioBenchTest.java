package dev.mtk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtk.bench.result.LoadResult;
import dev.mtk.bench.result.Timing;
import dev.mtk.testing.InProcessMtk;
import dev.mtk.testing.InProcessMtk.Result;
import dev.mtk.testing.ScriptFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mtk bench --scenario}: what the command line adds to the engine (ScenarioRunTest): options, output, exits. */
class ScenarioBenchTest {
    private static final String LOGIN = Path.of("..", "scripts", "load-login.groovy").toString();

    @TempDir
    Path dir;

    private static String oneLine(Result run) {
        return run.err().lines().findFirst().orElse("");
    }

    @Test
    void jsonIsALoadResultWithEachStepThenTheIteration() throws Exception {
        Result run = InProcessMtk.run("bench", "--scenario", LOGIN, "--users", "2", "--iterations", "6", "--json");

        assertThat(run.code()).as(run.err()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> json = new ObjectMapper().readValue(run.out(), Map.class);
        LoadResult result = LoadResult.fromMap(json, "stdout");
        assertThat(result.kind()).isEqualTo("scenario");
        assertThat(result.target()).isEqualTo("load-login.groovy");
        assertThat(result.timings()).extracting(Timing::name).containsExactly("login", "read", "iteration");
        assertThat(result.timings()).extracting(Timing::count).containsExactly(6L, 6L, 6L);
        assertThat(result.load()).containsEntry("model", "closed").containsEntry("users", 2);
        assertThat(json).containsEntry("stopped", false);
    }

    @Test
    void textStartsWithWhatRanThenTheTable() {
        Result run = InProcessMtk.run("bench", "--scenario", LOGIN, "--arrival-rate", "20", "--iterations", "4");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("scenario  load-login.groovy\nmodel     open, 20.0 iterations/s, at most "
                + "1000 users\n")
                .containsPattern("(?m)^login +4 ")
                .containsPattern("(?m)^read +4 ")
                .containsPattern("(?m)^iteration +4 ");
    }

    @Test
    void hgrmGetsTheIterationsDistribution() throws Exception {
        Path hgrm = dir.resolve("it.hgrm");
        Result run = InProcessMtk.run("bench", "--scenario", LOGIN, "--iterations", "3", "--hgrm", hgrm.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readString(hgrm)).contains("Total count    =            3]");
    }

    @Test
    void aScenarioWhoseIterationsFailExitsOne() {
        Path file = ScriptFiles.write(dir, "fails.groovy", "step('check') { assert user < 0 }");

        Result run = InProcessMtk.run("bench", "--scenario", file.toString(), "--iterations", "2");

        assertThat(run.code()).isEqualTo(Mtk.FAILED);
        assertThat(run.out()).contains("check: 2 assertion, first: " + file + ":1: assertion failed: assert user < 0");
    }

    @Test
    void usersAndArrivalRateTogetherAreAUsageError() {
        Result run = InProcessMtk.run("bench", "--scenario", LOGIN, "--users", "2", "--arrival-rate", "5");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(oneLine(run)).isEqualTo("mtk bench: give --users (closed model) or --arrival-rate (open model), "
                + "not both");
    }

    @Test
    void aScenarioFileThatIsNotThereIsAUsageError() {
        Result run = InProcessMtk.run("bench", "--scenario", "nowhere.groovy");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err().strip()).isEqualTo("mtk bench: no such script: nowhere.groovy");
    }

    @Test
    void aScenarioThatDoesNotCompileIsAUsageErrorAtItsLineAndColumn() {
        Path file = ScriptFiles.write(dir, "broken.groovy", "step('x') {", "  def = 1", "}");

        Result run = InProcessMtk.run("bench", "--scenario", file.toString());

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(oneLine(run)).startsWith("mtk bench: " + file + ":2:");
    }

    @Test
    void aRequestBenchOptionWithAScenarioIsAUsageErrorNamingTheScenariosOwn() {
        Result run = InProcessMtk.run("bench", "--scenario", LOGIN, "--rate", "100");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(oneLine(run)).isEqualTo("mtk bench: --rate is for a request bench; a scenario's script says what "
                + "it sends and where (the open model is --arrival-rate)");
    }

    @Test
    void aScenarioOptionWithoutAScenarioIsAUsageError() {
        Result run = InProcessMtk.run("bench", "-p", "7373", "--users", "10");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(oneLine(run)).isEqualTo("mtk bench: --users is for a scenario: give --scenario FILE.groovy");
    }

    @Test
    void maxUsersWithoutAnArrivalRateIsAUsageError() {
        Result run = InProcessMtk.run("bench", "--scenario", LOGIN, "--users", "3", "--max-users", "10");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(oneLine(run)).startsWith("mtk bench: --max-users caps the open model");
    }

    @Test
    void anArrivalRateThatIsNotANumberIsAUsageError() {
        Result run = InProcessMtk.run("bench", "--scenario", LOGIN, "--arrival-rate", "fast");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(oneLine(run)).isEqualTo("mtk bench: invalid --arrival-rate 'fast': expected a positive number of "
                + "iterations a second (50, 0.5, 50/s)");
    }

    @Test
    void aStartAtAlreadyPastStartsAtOnceAndSaysHowLate() {
        Result run = InProcessMtk.run("bench", "--scenario", LOGIN, "--iterations", "2", "--start-at",
                "2026-01-01T00:00:00Z");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("(?m)^window .* s late\n");
    }

    @Test
    void aShardRunsItsShareOfTheUsersAndSaysWhichItIs() throws Exception {
        Result run = InProcessMtk.run("bench", "--scenario", LOGIN, "--users", "5", "--iterations", "4", "--shard",
                "1/2", "--json");

        assertThat(run.code()).as(run.err()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> json = new ObjectMapper().readValue(run.out(), Map.class);
        assertThat(json).containsEntry("shard", "1/2");
        @SuppressWarnings("unchecked")
        Map<String, Object> counters = (Map<String, Object>) json.get("counters");
        assertThat(counters).containsEntry("users", 2).containsEntry("iterations", 2);
    }

    @Test
    void hlogHasTheIntervalsOfEachStepAndOfTheIteration() throws Exception {
        Path hlog = dir.resolve("run.hlog");
        Result run = InProcessMtk.run("bench", "--scenario", LOGIN, "--iterations", "3", "--hlog", hlog.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readString(hlog)).contains("#[Histogram log format version 1.3]")
                .containsPattern("(?m)^Tag=login,").containsPattern("(?m)^Tag=read,")
                .containsPattern("(?m)^Tag=iteration,");
    }

    @Test
    void aShardDealtNoneOfTheUsersIsAUsageError() {
        Result run = InProcessMtk.run("bench", "--scenario", LOGIN, "--users", "2", "--shard", "2/3");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(oneLine(run)).isEqualTo("mtk bench: --shard 2/3 gets none of the 2 users: shared by 3 shards, it "
                + "needs --users 3 or more");
    }

    @Test
    void aShardDealtNoneOfTheOpenModelsUsersIsAUsageError() {
        Result run = InProcessMtk.run("bench", "--scenario", LOGIN, "--arrival-rate", "10", "--max-users", "1",
                "--shard", "1/2");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(oneLine(run)).isEqualTo("mtk bench: --shard 1/2 gets none of the 1 users: shared by 2 shards, it "
                + "needs --max-users 2 or more");
    }

    @Test
    void aShardDealtNoneOfTheIterationsIsAUsageError() {
        Result run = InProcessMtk.run("bench", "--scenario", LOGIN, "--users", "4", "--iterations", "1", "--shard",
                "1/2");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(oneLine(run)).isEqualTo("mtk bench: --shard 1/2 gets none of the 1 iterations: shared by 2 shards, "
                + "it needs --iterations 2 or more");
    }

    @Test
    void aRampUpWithTheOpenModelIsAUsageError() {
        Result run = InProcessMtk.run("bench", "--scenario", LOGIN, "--arrival-rate", "10", "--ramp-up", "2s");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(oneLine(run)).isEqualTo("mtk bench: --ramp-up starts the closed model's --users one by one; the "
                + "open model starts at its --arrival-rate at once");
    }

    @Test
    void aStoppedScenarioRunPrintsWhatItMeasuredMarkedAsStopped() {
        System.setProperty("mtk.stderr.tty", "true");
        try {
            InProcessMtk.Serving bench = InProcessMtk.start("bench", "--scenario", LOGIN, "--users", "2", "-d", "10m");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> bench.err().contains("iterations/s"));

            int code = bench.stop();

            assertThat(code).as(bench.err()).isZero();
            assertThat(bench.out()).containsPattern("(?m)^window .*\\), stopped$")
                    .containsPattern("(?m)^iteration +[1-9]");
        } finally {
            System.clearProperty("mtk.stderr.tty");
        }
    }
}
