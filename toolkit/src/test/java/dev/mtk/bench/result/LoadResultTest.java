package dev.mtk.bench.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mtk.bench.shard.Shard;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LoadResultTest {
    private static final Instant START = Instant.parse("2026-12-01T22:00:00Z");

    private static Timing timing(String name, long... nanos) {
        Histogram histogram = new Histogram(Timing.DIGITS);
        for (long value : nanos) {
            histogram.recordValue(value);
        }
        return Timing.of(name, histogram, Map.of(), Map.of());
    }

    private static LoadResult shard(int index, long startMillis, long endMillis, Timing... timings) {
        return LoadResult.builder("scenario", "login.groovy").load(Map.of("users", 10))
                .window(START.plusMillis(startMillis), START.plusMillis(endMillis)).shard(Shard.of(index, 3))
                .counters(Map.of("iterations", (long) timings[0].count())).timings(List.of(timings)).build();
    }

    @Test
    void mergeAddsCountsAndHistogramsByName() {
        LoadResult merged = LoadResult.merge(List.of(
                shard(0, 0, 10_000, timing("login", 1_000, 2_000), timing("iteration", 5_000, 6_000)),
                shard(1, 5, 10_010, timing("login", 3_000_000), timing("iteration", 9_000_000)),
                shard(2, 2, 10_002, timing("iteration", 7_000))), List.of("a.json", "b.json", "c.json"));

        assertThat(merged.timing("login").count()).isEqualTo(3);
        assertThat(merged.timing("iteration").count()).isEqualTo(4);
        assertThat(merged.timing("iteration").histogram().getMaxValue())
                .isEqualTo(timing("x", 9_000_000).histogram().getMaxValue());
        assertThat(merged.counters()).containsEntry("iterations", 2L + 1 + 1);
        assertThat(merged.timings()).extracting(Timing::name).containsExactly("login", "iteration");
    }

    @Test
    void mergedWindowRunsFromFirstStartToLastEnd() {
        LoadResult merged = LoadResult.merge(List.of(shard(0, 0, 10_000, timing("login", 1)),
                shard(1, 5, 10_010, timing("login", 1))), List.of("a.json", "b.json"));

        assertThat(merged.seconds()).isEqualTo(10.010);
        assertThat(merged.shard()).isNull();
        assertThat(merged.merged()).containsExactly("a.json", "b.json");
    }

    @Test
    void mergeRefusesResultsOfAnotherKind() {
        LoadResult requests = LoadResult.builder("requests", "127.0.0.1:7373").window(START, START.plusSeconds(1))
                .timings(List.of(timing("request", 1))).build();

        assertThatThrownBy(() -> LoadResult.merge(List.of(shard(0, 0, 1, timing("login", 1)), requests),
                List.of("a.json", "b.json")))
                .hasMessage("b.json: a requests result cannot be merged with a scenario result (a.json)");
    }

    @Test
    void survivesJson() throws Exception {
        LoadResult result = shard(2, 0, 2_000, timing("login", 1_000, 2_000));
        JsonMapper json = JsonMapper.builder().build();

        LoadResult back = LoadResult.fromMap(json.readValue(json.writeValueAsString(result.toMap()), Map.class),
                "c.json");

        assertThat(back.shard()).isEqualTo(Shard.of(2, 3));
        assertThat(back.timing("login").histogram()).isEqualTo(result.timing("login").histogram());
        assertThat(back.seconds()).isEqualTo(2.0);
        assertThat(back.counters()).isEqualTo(result.counters());
    }

    @Test
    void aMergeSurvivesJsonWithTheFilesItMerged() throws Exception {
        LoadResult merged = LoadResult.merge(List.of(shard(0, 0, 10, timing("login", 1)),
                shard(1, 0, 10, timing("login", 1))), List.of("a.json", "b.json"));
        JsonMapper json = JsonMapper.builder().build();

        LoadResult back = LoadResult.fromMap(json.readValue(json.writeValueAsString(merged.toMap()), Map.class),
                "ab.json");

        assertThat(back.merged()).containsExactly("a.json", "b.json");
    }

    @Test
    void fromMapNamesWhatIsNotAResult() {
        assertThatThrownBy(() -> LoadResult.fromMap(Map.of("hello", 1), "notes.json"))
                .hasMessage("notes.json: no \"kind\" (not an mtk bench --json result?)");
    }

    @Test
    void textHasARowPerTiming() {
        String text = shard(0, 0, 1_000, timing("login", 2_000_000), timing("iteration", 3_000_000)).toText();

        assertThat(text).containsPattern("login\\s+1\\s+1\\.0\\s+2\\.00\\d");
        assertThat(text).containsPattern("iteration\\s+1\\s+1\\.0\\s+3\\.00\\d");
    }
}
