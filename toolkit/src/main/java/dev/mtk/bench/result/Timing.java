package dev.mtk.bench.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Everything measured of one thing timed in a load run: a request in {@code mtk bench}, a step or the whole iteration
 * of a scenario. Immutable; {@link #plus} adds two (shards, runs) exactly, histogram into histogram.
 *
 * <p>In {@code --json} it is an object:
 * <pre>
 * {"name": "login", "count": 1200, "errors": 3, "errorsByKind": {"timeout": 3},
 *  "firstErrors": {"timeout": "no reply within 5000 ms"},
 *  "latencyMicros": {"p50": 210.4, "p90": 388.1, "p99": 912.3, "p99.9": 1502.2, "max": 2011.1, "mean": 240.9},
 *  "histogram": "HISTFAAAA..."}
 * </pre>
 * where {@code count} is what succeeded, {@code latencyMicros} is {@code null} when nothing did, and
 * {@code histogram} is the latencies in nanoseconds, compressed ({@link CompressedHistogram}).
 */
public final class Timing {
    /** Significant digits of every histogram mtk records: 0.1 % resolution. */
    public static final int DIGITS = 3;

    private final String name;
    private final long count;
    private final Map<String, Long> errors;
    private final Map<String, String> examples;
    private final Histogram histogram;

    private Timing(String name, Map<String, Long> errors, Map<String, String> examples, Histogram histogram) {
        this.name = name;
        this.count = histogram.getTotalCount();
        this.errors = Collections.unmodifiableMap(new TreeMap<>(errors));
        this.examples = Collections.unmodifiableMap(new TreeMap<>(examples));
        this.histogram = histogram;
    }

    /**
     * A timing of {@code name}: {@code histogram} holds one latency (nanoseconds) per success, so its count is the
     * count of successes; {@code errors} counts failures by kind and {@code examples} shows the first of each kind.
     */
    public static Timing of(String name, Histogram histogram, Map<String, Long> errors, Map<String, String> examples) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a timing needs a name");
        }
        return new Timing(name, errors, examples, histogram.copy());
    }

    /** A timing with nothing recorded yet. */
    public static Timing empty(String name) {
        return of(name, new Histogram(DIGITS), Map.of(), Map.of());
    }

    public String name() {
        return name;
    }

    /** Successes: the latencies recorded. */
    public long count() {
        return count;
    }

    public Map<String, Long> errors() {
        return errors;
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The first failure of each kind, on one line. */
    public Map<String, String> examples() {
        return examples;
    }

    /** A copy of the latencies, in nanoseconds. */
    public Histogram histogram() {
        return histogram.copy();
    }

    /** The latency at {@code percentile} (0 to 100), in microseconds; 0 when nothing succeeded. */
    public double micros(double percentile) {
        return count == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1e3;
    }

    public double maxMicros() {
        return count == 0 ? 0 : histogram.getMaxValue() / 1e3;
    }

    public double meanMicros() {
        return count == 0 ? 0 : histogram.getMean() / 1e3;
    }

    /**
     * This timing and {@code other} as one: counts and errors added, histograms added (exact: the percentiles of the
     * sum are those of every latency, not an average of percentiles), the first example of each kind kept.
     *
     * @throws IllegalArgumentException when the two time different things
     */
    public Timing plus(Timing other) {
        if (!name.equals(other.name)) {
            throw new IllegalArgumentException("cannot add timing '" + other.name + "' to '" + name + "'");
        }
        Histogram sum = histogram.copy();
        sum.add(other.histogram);
        Map<String, Long> allErrors = new TreeMap<>(errors);
        other.errors.forEach((kind, n) -> allErrors.merge(kind, n, Long::sum));
        Map<String, String> allExamples = new TreeMap<>(other.examples);
        allExamples.putAll(examples);
        return new Timing(name, allErrors, allExamples, sum);
    }

    /** The JSON object above. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("count", count);
        map.put("errors", errorCount());
        map.put("errorsByKind", errors);
        map.put("firstErrors", examples);
        if (count > 0) {
            Map<String, Object> latency = new LinkedHashMap<>();
            latency.put("p50", micros(50));
            latency.put("p90", micros(90));
            latency.put("p99", micros(99));
            latency.put("p99.9", micros(99.9));
            latency.put("max", maxMicros());
            latency.put("mean", meanMicros());
            map.put("latencyMicros", latency);
        } else {
            map.put("latencyMicros", null);
        }
        map.put("histogram", CompressedHistogram.encode(histogram));
        return map;
    }

    /**
     * The timing a {@link #toMap()} object (as Jackson read it) describes: the histogram is the truth, the percentiles
     * are ignored.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong, prefixed by {@code where}
     */
    public static Timing fromMap(Map<?, ?> map, String where) {
        Object name = map.get("name");
        if (!(name instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException(where + ": no \"name\"");
        }
        String at = where + " (timing '" + text + "')";
        if (!(map.get("histogram") instanceof String encoded)) {
            throw new IllegalArgumentException(at + ": no \"histogram\" (a result written without histograms cannot be merged)");
        }
        Histogram histogram;
        try {
            histogram = CompressedHistogram.decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": \"histogram\" is " + e.getMessage(), e);
        }
        return new Timing(text, longs(map.get("errorsByKind"), at), texts(map.get("firstErrors")), histogram);
    }

    private static Map<String, Long> longs(Object value, String at) {
        Map<String, Long> out = new TreeMap<>();
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getValue() instanceof Number n) || n.longValue() < 0) {
                    throw new IllegalArgumentException(at + ": \"errorsByKind\" " + entry.getKey()
                            + " is not a count: " + entry.getValue());
                }
                out.put(String.valueOf(entry.getKey()), n.longValue());
            }
        } else if (value != null) {
            throw new IllegalArgumentException(at + ": \"errorsByKind\" is not an object");
        }
        return out;
    }

    private static Map<String, String> texts(Object value) {
        Map<String, String> out = new TreeMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    @Override
    public String toString() {
        return name + ": " + count + " ok, " + errorCount() + " errors";
    }
}
