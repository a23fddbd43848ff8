package dev.mtk.bench.scenario;

import dev.mtk.bench.result.LoadResult;
import dev.mtk.bench.result.Timing;
import dev.mtk.script.ScenarioScript;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What a scenario load run measured ({@link LoadResult}), whether it was stopped early, and how late it started. */
public final class ScenarioReport {
    private final LoadResult result;
    private final boolean stopped;
    private final Duration late;

    ScenarioReport(LoadResult result, boolean stopped, Duration late) {
        this.result = result;
        this.stopped = stopped;
        this.late = late;
    }

    public LoadResult result() {
        return result;
    }

    /** Whether SIGINT or SIGTERM ended the run before its end. */
    public boolean stopped() {
        return stopped;
    }

    /** The whole iteration's timing. */
    public Timing iteration() {
        return result.timing(ScenarioScript.ITERATION);
    }

    /** Whether it should exit 0: some iteration ran, and none failed. */
    public boolean passed() {
        return iteration().count() > 0 && result.errorCount() == 0;
    }

    /** A few lines saying what ran, then the table of timings, then what was dropped. */
    public String toText() {
        Map<String, Object> load = result.load();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "scenario  %s%s%n", result.target(),
                result.shard() == null ? "" : " (shard " + result.shard() + ")"));
        out.append(String.format(Locale.ROOT, "model     %s%n", "open".equals(load.get("model"))
                ? String.format(Locale.ROOT, "open, %s iterations/s, at most %s users", load.get("arrivalRate"),
                        load.get("maxUsers"))
                : "closed, " + load.get("users") + " users"));
        out.append(String.format(Locale.ROOT, "users     %,d ran iterations%n", result.counters().get("users")));
        out.append(String.format(Locale.ROOT, "window    %s to %s (%.3f s)%s%s%n", result.startedAt(), result.endedAt(),
                result.seconds(), late.isZero() ? "" : String.format(Locale.ROOT, ", started %.3f s late",
                        late.toNanos() / 1e9), stopped ? ", stopped" : ""));
        out.append(System.lineSeparator());
        out.append(result.toText());
        Long dropped = result.counters().get("dropped");
        if (dropped != null && dropped > 0) {
            out.append(String.format(Locale.ROOT, "dropped: %,d iterations found no free user in time "
                    + "(raise --max-users, or the target is too slow for --arrival-rate)%n", dropped));
        }
        return out.toString();
    }

    /** {@link LoadResult#toMap()}, plus {@code stopped} and {@code lateSeconds}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>(result.toMap());
        map.put("stopped", stopped);
        map.put("lateSeconds", late.toNanos() / 1e9);
        return map;
    }
}
