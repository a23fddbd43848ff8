package dev.mtk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtk.bench.result.CompressedHistogram;
import dev.mtk.bench.result.LoadResult;
import dev.mtk.bench.result.Timing;
import dev.mtk.bench.shard.Shard;
import dev.mtk.testing.InProcessMtk;
import dev.mtk.testing.InProcessMtk.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchMergeCommandTest {
    private static final Instant START = Instant.parse("2026-12-01T23:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A result of {@code kind} whose timings each hold {@code latencies} (ms), written as --json writes it. */
    private String write(String file, String kind, int shard, List<String> timings, long... millis) throws IOException {
        Histogram histogram = new Histogram(Timing.DIGITS);
        for (long ms : millis) {
            histogram.recordValue(ms * 1_000_000);
        }
        LoadResult result = LoadResult.builder(kind, "127.0.0.1:7373")
                .window(START.plusMillis(shard * 10L), START.plusSeconds(2).plusMillis(shard * 10L))
                .shard(Shard.of(shard, 3)).counters(Map.of("mtk.client.messages.sent", (long) millis.length))
                .timings(timings.stream().map(name -> Timing.of(name, histogram, Map.of(), Map.of())).toList()).build();
        Path path = dir.resolve(file);
        Files.writeString(path, JSON.writeValueAsString(result.toMap()) + "\n");
        return path.toString();
    }

    @Test
    void exitsOneWhenAnyPartHadErrors() throws Exception {
        LoadResult failed = LoadResult.builder("requests", "127.0.0.1:7373").window(START, START.plusSeconds(1))
                .timings(List.of(Timing.of("request", new Histogram(Timing.DIGITS), Map.of("timeout", 2L), Map.of())))
                .build();
        Path b = dir.resolve("b.json");
        Files.writeString(b, JSON.writeValueAsString(failed.toMap()));

        Result run = InProcessMtk.run("bench", "merge", requests("a.json", 0, 1), b.toString());

        assertThat(run.code()).isEqualTo(Mtk.FAILED);
        assertThat(run.out()).contains("request: 2 timeout");
    }

    private String requests(String file, int shard, long... millis) throws IOException {
        return write(file, "requests", shard, List.of("request"), millis);
    }

    @Test
    void printsOneTableWithTheCountsAddedAndAHeaderNamingTheParts() throws Exception {
        String a = requests("a.json", 0, 1, 2, 3);
        String b = requests("b.json", 1, 4, 5);

        Result run = InProcessMtk.run("bench", "merge", a, b);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("requests 127.0.0.1:7373, 2 results, 2026-12-01T23:00:00Z to "
                + "2026-12-01T23:00:02.010Z")
                .containsPattern("(?m)^request +5 +2\\.5 ")
                .contains("(latencies in ms over 2.010 s, 2 results merged)");
    }

    @Test
    void jsonIsAResultAgainWithTheHistogramsAdded() throws Exception {
        String a = requests("a.json", 0, 1, 2, 3);
        String b = requests("b.json", 1, 40);

        Result run = InProcessMtk.run("bench", "merge", a, b, "--json");

        @SuppressWarnings("unchecked")
        LoadResult merged = LoadResult.fromMap(JSON.readValue(run.out(), Map.class), "stdout");
        Histogram histogram = CompressedHistogram.decode(JSON.readTree(run.out()).get("timings").get(0)
                .get("histogram").asText());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(merged.merged()).containsExactly(a, b);
        assertThat(merged.counters()).containsEntry("mtk.client.messages.sent", 4L);
        assertThat(histogram.getTotalCount()).isEqualTo(4);
        assertThat(histogram.getMaxValue()).isEqualTo(histogram.highestEquivalentValue(40_000_000));
    }

    @Test
    void aMergeOfMergesCountsEveryPartOnce() throws Exception {
        Path ab = dir.resolve("ab.json");
        Files.writeString(ab, InProcessMtk.run("bench", "merge", requests("a.json", 0, 1), requests("b.json", 1, 2),
                "--json").out());

        Result run = InProcessMtk.run("bench", "merge", ab.toString(), requests("c.json", 2, 3, 4), "--json");

        assertThat(JSON.readTree(run.out()).get("timings").get(0).get("count").asLong()).isEqualTo(4);
    }

    @Test
    void hgrmWritesTheMergedDistributionOfTheRequests() throws Exception {
        Path hgrm = dir.resolve("all.hgrm");

        Result run = InProcessMtk.run("bench", "merge", requests("a.json", 0, 1, 2), requests("b.json", 1, 3),
                "--hgrm", hgrm.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readString(hgrm)).containsPattern("Total count += +3\\]")
                .containsPattern("#\\[Max += +3\\.00");
    }

    @Test
    void aScenariosHgrmIsTheIterationsUnlessATimingIsNamed() throws Exception {
        String a = write("a.json", "scenario", 0, List.of("login", "iteration"), 7);
        Path iteration = dir.resolve("iteration.hgrm");
        Path login = dir.resolve("login.hgrm");

        assertThat(InProcessMtk.run("bench", "merge", a, "--hgrm", iteration.toString()).code()).isZero();
        assertThat(InProcessMtk.run("bench", "merge", a, "--hgrm", login.toString(), "--timing", "login").code())
                .isZero();

        assertThat(iteration).exists();
        assertThat(login).exists();
    }

    @Test
    void anUnknownTimingIsOneLineListingTheTimings() throws Exception {
        String a = write("a.json", "scenario", 0, List.of("login", "iteration"), 7);

        Result run = InProcessMtk.run("bench", "merge", a, "--hgrm", dir.resolve("x.hgrm").toString(), "--timing",
                "logout");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).isEqualTo("mtk bench merge: --timing logout: no such timing in " + a
                + "; they have login, iteration" + System.lineSeparator());
    }

    @Test
    void aMissingFileIsOneLineNamingIt() throws Exception {
        String missing = dir.resolve("missing.json").toString();

        Result run = InProcessMtk.run("bench", "merge", requests("a.json", 0, 1), missing);

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).isEqualTo("mtk bench merge: " + missing + ": no such file" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aFileThatIsNotJsonIsOneLineWithTheLineAndColumn() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"kind\": \"requests\",\n  oops}\n");

        Result run = InProcessMtk.run("bench", "merge", bad.toString());

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).startsWith("mtk bench merge: " + bad + ": invalid JSON at line 2, column 3: ")
                .hasLineCount(1);
    }

    @Test
    void jsonThatIsNotAResultIsOneLineNamingTheFile() throws Exception {
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"kind\": \"requests\", \"target\": \"x\"}");

        Result run = InProcessMtk.run("bench", "merge", other.toString());

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).isEqualTo("mtk bench merge: " + other + ": no \"startedAt\" (not an mtk bench --json "
                + "result?)" + System.lineSeparator());
    }

    @Test
    void resultsOfDifferentKindsAreOneLineNamingTheOddOne() throws Exception {
        String a = requests("a.json", 0, 1);
        String b = write("b.json", "scenario", 1, List.of("iteration"), 1);

        Result run = InProcessMtk.run("bench", "merge", a, b);

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).isEqualTo("mtk bench merge: " + b + ": a scenario result cannot be merged with a "
                + "requests result (" + a + ")" + System.lineSeparator());
    }

    @Test
    void noFilesIsAUsageError() {
        Result run = InProcessMtk.run("bench", "merge");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).startsWith("mtk bench merge: give the files to merge");
    }

    @Test
    void aTimingWithoutAnHgrmIsAUsageError() throws Exception {
        Result run = InProcessMtk.run("bench", "merge", requests("a.json", 0, 1), "--timing", "request");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).startsWith("mtk bench merge: --timing chooses the histogram --hgrm writes");
    }

    @Test
    void itsHelpIsItsOwn() {
        Result run = InProcessMtk.run("bench", "merge", "--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("usage: mtk bench merge FILE... [options]").contains("--timing <NAME>")
                .doesNotContain("--connections");
    }

    @Test
    void mtkHelpBenchMergeIsItsHelpToo() {
        Result run = InProcessMtk.run("help", "bench", "merge");

        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo(InProcessMtk.run("bench", "merge", "--help").out());
    }
}
