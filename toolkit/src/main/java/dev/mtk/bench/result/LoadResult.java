package dev.mtk.bench.result;

import dev.mtk.bench.shard.Shard;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One load run's results, or several merged: what {@code mtk bench --json} writes for every kind of run and
 * {@code mtk bench merge} reads back. The {@link Timing}s and the {@code counters} add up; the rest describes.
 *
 * <pre>
 * {"kind": "scenario", "target": "login.groovy", "load": {"users": 100, ...},
 *  "startedAt": "2026-12-01T22:00:00Z", "endedAt": "2026-12-01T22:00:10.004Z", "seconds": 10.004,
 *  "shard": "0/3", "merged": [], "counters": {"iterations": 1200},
 *  "timings": [{"name": "login", "perSecond": 119.9, ...Timing...}, {"name": "iteration", ...}]}
 * </pre>
 *
 * {@code seconds} is the measured window, from the first start to the last end: merged shards that started together
 * ({@code --start-at}) share it, so their counts over it are the rate the whole load reached.
 */
public final class LoadResult {
    private final String kind;
    private final String target;
    private final Map<String, Object> load;
    private final Instant startedAt;
    private final Instant endedAt;
    private final Shard shard;
    private final List<String> merged;
    private final Map<String, Long> counters;
    private final List<Timing> timings;

    private LoadResult(Builder builder) {
        this.kind = Objects.requireNonNull(builder.kind, "kind");
        this.target = Objects.requireNonNull(builder.target, "target");
        this.load = Collections.unmodifiableMap(new LinkedHashMap<>(builder.load));
        this.startedAt = Objects.requireNonNull(builder.startedAt, "startedAt");
        this.endedAt = Objects.requireNonNull(builder.endedAt, "endedAt");
        this.shard = builder.shard;
        this.merged = List.copyOf(builder.merged);
        this.counters = Collections.unmodifiableMap(new LinkedHashMap<>(builder.counters));
        this.timings = List.copyOf(builder.timings);
        if (endedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("a run cannot end (" + endedAt + ") before it starts (" + startedAt + ")");
        }
    }

    public static Builder builder(String kind, String target) {
        return new Builder(kind, target);
    }

    /** What ran: {@code requests} ({@code mtk bench}) or {@code scenario} ({@code mtk bench --scenario}). */
    public String kind() {
        return kind;
    }

    /** What was loaded: {@code host:port}, or the scenario's file name. */
    public String target() {
        return target;
    }

    /** The load as it was asked for (users, rate, connections, ...), for people: never added up. */
    public Map<String, Object> load() {
        return load;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    /** The measured window in seconds. */
    public double seconds() {
        return Duration.between(startedAt, endedAt).toNanos() / 1e9;
    }

    /** Which generator this was, or {@code null} for a whole run or a merge. */
    public Shard shard() {
        return shard;
    }

    /** The files a merge read, in order; empty for a run. */
    public List<String> merged() {
        return merged;
    }

    /** Counts that add up across shards: iterations, bytes sent, ... */
    public Map<String, Long> counters() {
        return counters;
    }

    public List<Timing> timings() {
        return timings;
    }

    /** The timing named {@code name}, or {@code null}. */
    public Timing timing(String name) {
        return timings.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    /** Successes of {@code timing} a second over the window. */
    public double perSecond(Timing timing) {
        double seconds = seconds();
        return seconds > 0 ? timing.count() / seconds : 0;
    }

    public long errorCount() {
        return timings.stream().mapToLong(Timing::errorCount).sum();
    }

    /**
     * {@code parts} as one result: timings added by name (in the order they first appear), counters added, the
     * window from the first start to the last end, the load of the first part.
     *
     * @param names what each part was read from, in order, for {@code merged}
     * @throws IllegalArgumentException when the parts are not of one kind, naming the first that differs
     */
    public static LoadResult merge(List<LoadResult> parts, List<String> names) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        LoadResult first = parts.get(0);
        Builder merged = builder(first.kind, first.target).load(first.load);
        Instant start = first.startedAt;
        Instant end = first.endedAt;
        Map<String, Timing> byName = new LinkedHashMap<>();
        Map<String, Long> counters = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            LoadResult part = parts.get(i);
            String name = i < names.size() ? names.get(i) : "part " + (i + 1);
            if (!part.kind.equals(first.kind)) {
                throw new IllegalArgumentException(name + ": a " + part.kind + " result cannot be merged with a "
                        + first.kind + " result (" + (names.isEmpty() ? "the first" : names.get(0)) + ")");
            }
            start = part.startedAt.isBefore(start) ? part.startedAt : start;
            end = part.endedAt.isAfter(end) ? part.endedAt : end;
            part.counters.forEach((key, value) -> counters.merge(key, value, Long::sum));
            for (Timing timing : part.timings) {
                byName.merge(timing.name(), timing, Timing::plus);
            }
        }
        return merged.window(start, end).counters(counters).timings(new ArrayList<>(byName.values()))
                .merged(names).build();
    }

    /** The JSON object above. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", kind);
        map.put("target", target);
        map.put("load", load);
        map.put("startedAt", startedAt.toString());
        map.put("endedAt", endedAt.toString());
        map.put("seconds", seconds());
        map.put("shard", shard == null ? null : shard.toString());
        map.put("merged", merged);
        map.put("counters", counters);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Timing timing : timings) {
            Map<String, Object> entry = new LinkedHashMap<>();
            Map<String, Object> fields = timing.toMap();
            entry.put("name", fields.remove("name"));
            entry.put("perSecond", perSecond(timing));
            entry.putAll(fields);
            list.add(entry);
        }
        map.put("timings", list);
        return map;
    }

    /**
     * The result a {@link #toMap()} object (as Jackson read it) describes.
     *
     * @param where what it was read from, which starts every message
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public static LoadResult fromMap(Map<?, ?> map, String where) {
        Builder builder = builder(text(map, "kind", where), text(map, "target", where))
                .window(instant(map, "startedAt", where), instant(map, "endedAt", where));
        if (map.get("load") instanceof Map<?, ?> load) {
            Map<String, Object> copy = new LinkedHashMap<>();
            load.forEach((k, v) -> copy.put(String.valueOf(k), v));
            builder.load(copy);
        }
        if (map.get("shard") instanceof String shard) {
            try {
                builder.shard(Shard.parse(shard));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": \"shard\" " + e.getMessage(), e);
            }
        }
        if (map.get("merged") instanceof List<?> files) {
            builder.merged(files.stream().map(String::valueOf).toList());
        }
        if (map.get("counters") instanceof Map<?, ?> counters) {
            Map<String, Long> copy = new LinkedHashMap<>();
            counters.forEach((k, v) -> {
                if (v instanceof Number n) {
                    copy.put(String.valueOf(k), n.longValue());
                }
            });
            builder.counters(copy);
        }
        if (!(map.get("timings") instanceof List<?> timings)) {
            throw new IllegalArgumentException(where + ": no \"timings\" (not an mtk bench --json result?)");
        }
        List<Timing> read = new ArrayList<>();
        for (Object timing : timings) {
            if (!(timing instanceof Map<?, ?> fields)) {
                throw new IllegalArgumentException(where + ": \"timings\" holds something that is not an object");
            }
            read.add(Timing.fromMap(fields, where));
        }
        return builder.timings(read).build();
    }

    private static String text(Map<?, ?> map, String key, String where) {
        if (!(map.get(key) instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException(where + ": no \"" + key + "\" (not an mtk bench --json result?)");
        }
        return text;
    }

    private static Instant instant(Map<?, ?> map, String key, String where) {
        String text = text(map, key, where);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": \"" + key + "\" is not a time: " + text, e);
        }
    }

    /**
     * A table for people: one row per timing with its count, rate, percentiles and errors, then each error kind with
     * its first example.
     */
    public String toText() {
        StringBuilder out = new StringBuilder();
        int width = Math.max(10, timings.stream().mapToInt(t -> t.name().length()).max().orElse(0) + 1);
        String row = "%-" + width + "s %10s %10s %9s %9s %9s %9s %9s %8s%n";
        out.append(String.format(Locale.ROOT, row, "", "count", "/s", "p50", "p90", "p99", "p99.9", "max", "errors"));
        for (Timing timing : timings) {
            boolean any = timing.count() > 0;
            out.append(String.format(Locale.ROOT, row, timing.name(), String.format(Locale.ROOT, "%,d", timing.count()),
                    String.format(Locale.ROOT, "%,.1f", perSecond(timing)), ms(any, timing.micros(50)),
                    ms(any, timing.micros(90)), ms(any, timing.micros(99)), ms(any, timing.micros(99.9)),
                    ms(any, timing.maxMicros()), String.format(Locale.ROOT, "%,d", timing.errorCount())));
        }
        out.append(String.format(Locale.ROOT, "(latencies in ms over %.3f s%s)%n", seconds(),
                merged.isEmpty() ? "" : ", " + merged.size() + " results merged"));
        for (Timing timing : timings) {
            timing.errors().forEach((kind, count) -> out.append(String.format(Locale.ROOT, "%s: %,d %s%s%n",
                    timing.name(), count, kind, timing.examples().containsKey(kind)
                            ? ", first: " + timing.examples().get(kind) : "")));
        }
        return out.toString();
    }

    private static String ms(boolean any, double micros) {
        return any ? String.format(Locale.ROOT, "%.3f", micros / 1e3) : "-";
    }

    /** Builds a {@link LoadResult}; kind, target and window are required. */
    public static final class Builder {
        private final String kind;
        private final String target;
        private Map<String, Object> load = Map.of();
        private Instant startedAt;
        private Instant endedAt;
        private Shard shard;
        private List<String> merged = List.of();
        private Map<String, Long> counters = Map.of();
        private List<Timing> timings = List.of();

        private Builder(String kind, String target) {
            this.kind = kind;
            this.target = target;
        }

        public Builder load(Map<String, Object> settings) {
            this.load = settings;
            return this;
        }

        /** The measured window, wall clock. */
        public Builder window(Instant start, Instant end) {
            this.startedAt = start;
            this.endedAt = end;
            return this;
        }

        /** Which generator this run was; {@code null} or {@link Shard#WHOLE} for a run that is the whole load. */
        public Builder shard(Shard which) {
            this.shard = which == null || which.whole() ? null : which;
            return this;
        }

        public Builder merged(List<String> files) {
            this.merged = files;
            return this;
        }

        public Builder counters(Map<String, Long> values) {
            this.counters = values;
            return this;
        }

        public Builder timings(List<Timing> measured) {
            this.timings = measured;
            return this;
        }

        public LoadResult build() {
            return new LoadResult(this);
        }
    }
}
