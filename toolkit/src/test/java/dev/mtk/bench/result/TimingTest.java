package dev.mtk.bench.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class TimingTest {
    private static Histogram latencies(long... nanos) {
        Histogram histogram = new Histogram(Timing.DIGITS);
        for (long value : nanos) {
            histogram.recordValue(value);
        }
        return histogram;
    }

    @Test
    void countIsTheLatenciesRecorded() {
        Timing timing = Timing.of("login", latencies(1_000, 2_000, 3_000), Map.of("timeout", 2L), Map.of());

        assertThat(timing.count()).isEqualTo(3);
        assertThat(timing.errorCount()).isEqualTo(2);
    }

    @Test
    void survivesJsonWithItsHistogramExact() throws Exception {
        Timing timing = Timing.of("login", latencies(1_000, 250_000, 7_000_000), Map.of("timeout", 2L),
                Map.of("timeout", "no reply within 5000 ms"));
        JsonMapper json = JsonMapper.builder().build();

        Map<?, ?> read = json.readValue(json.writeValueAsString(timing.toMap()), Map.class);
        Timing back = Timing.fromMap(read, "a.json");

        assertThat(back.histogram()).isEqualTo(timing.histogram());
        assertThat(back.errors()).isEqualTo(Map.of("timeout", 2L));
        assertThat(back.examples()).containsEntry("timeout", "no reply within 5000 ms");
    }

    @Test
    void plusAddsHistogramsNotPercentiles() {
        Timing fast = Timing.of("get", latencies(1_000, 1_000, 1_000), Map.of("timeout", 1L), Map.of());
        Timing slow = Timing.of("get", latencies(9_000_000), Map.of("timeout", 2L, "closed by server", 1L), Map.of());

        Timing sum = fast.plus(slow);

        assertThat(sum.count()).isEqualTo(4);
        assertThat(sum.maxMicros()).isEqualTo(slow.maxMicros());
        assertThat(sum.micros(50)).isEqualTo(fast.micros(50));
        assertThat(sum.errors()).isEqualTo(Map.of("timeout", 3L, "closed by server", 1L));
    }

    @Test
    void plusRefusesADifferentName() {
        assertThatThrownBy(() -> Timing.empty("login").plus(Timing.empty("logout")))
                .hasMessage("cannot add timing 'logout' to 'login'");
    }

    @Test
    void noLatenciesWhenNothingSucceeded() {
        assertThat(Timing.empty("login").toMap()).containsEntry("latencyMicros", null).containsEntry("count", 0L);
    }

    @Test
    void fromMapNamesAMissingHistogram() {
        Map<String, Object> map = new LinkedHashMap<>(Timing.empty("login").toMap());
        map.remove("histogram");

        assertThatThrownBy(() -> Timing.fromMap(map, "shard-1.json"))
                .hasMessageStartingWith("shard-1.json (timing 'login'): no \"histogram\"");
    }

    @Test
    void fromMapNamesAHistogramThatIsNotOne() {
        Map<String, Object> map = new LinkedHashMap<>(Timing.empty("login").toMap());
        map.put("histogram", "aGVsbG8=");

        assertThatThrownBy(() -> Timing.fromMap(map, "shard-1.json"))
                .hasMessageStartingWith("shard-1.json (timing 'login'): \"histogram\" is not an HdrHistogram");
    }

    @Test
    void fromMapNamesAnErrorCountThatIsNotOne() {
        Map<String, Object> map = new LinkedHashMap<>(Timing.empty("login").toMap());
        map.put("errorsByKind", Map.of("timeout", "many"));

        assertThatThrownBy(() -> Timing.fromMap(map, "a.json"))
                .hasMessage("a.json (timing 'login'): \"errorsByKind\" timeout is not a count: many");
    }
}
