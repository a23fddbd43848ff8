package dev.mtk.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What a run measured.
 *
 * @param target      {@code host:port}
 * @param profile     how it spoke, e.g. {@code json (framing headers, payload json)}
 * @param config      the load
 * @param messages    requests answered within the measurement
 * @param seconds     measured time
 * @param bytesOut    wire bytes sent for those requests (confirmations included)
 * @param bytesIn     wire bytes of their answers
 * @param latency     latency percentiles in microseconds: p50, p90, p99, p99.9, max
 * @param errors      failed requests by kind (connect, timeout, closed, unexpected answer)
 * @param histogram   every measured latency, in nanoseconds
 * @param stoppedAfter seconds after the start (warm-up included) at which the user stopped the run, or 0 when it
 *                    ran to its end
 */
public record BenchReport(String target, String profile, BenchConfig config, long messages, double seconds,
        long bytesOut, long bytesIn, Latency latency, Map<String, Long> errors, Histogram histogram,
        double stoppedAfter) {

    /** Latency percentiles, in microseconds. */
    public record Latency(double p50, double p90, double p99, double p999, double max, double mean) {
    }

    public BenchReport {
        errors = new TreeMap<>(errors);
    }

    public double messagesPerSecond() {
        return seconds > 0 ? messages / seconds : 0;
    }

    public double megabytesOutPerSecond() {
        return seconds > 0 ? bytesOut / seconds / 1e6 : 0;
    }

    public double megabytesInPerSecond() {
        return seconds > 0 ? bytesIn / seconds / 1e6 : 0;
    }

    /** Below this share of a {@code --rate}, the report says the rate was not reached. */
    static final double RATE_REACHED = 0.95;

    /** Whether at least one measured request was answered; without one there are no latencies to report. */
    public boolean answered() {
        return messages > 0;
    }

    /** Whether the run came within 5 % of its {@code --rate} ({@code true} without one). */
    public boolean rateReached() {
        return config.rate() <= 0 || messagesPerSecond() >= config.rate() * RATE_REACHED;
    }

    /** Whether the user stopped the run before its end (SIGINT or SIGTERM). */
    public boolean stopped() {
        return stoppedAfter > 0;
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The report for machines: one JSON object, latencies in microseconds. */
    public Map<String, Object> toMap() {
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("connections", config.connections());
        load.put("messagesPerConnection", config.messages());
        load.put("durationSeconds", config.counted() ? null : config.duration().toMillis() / 1000.0);
        load.put("warmupSeconds", config.warmup().toMillis() / 1000.0);
        load.put("size", config.size());
        load.put("body", config.body());
        load.put("pipeline", config.pipeline());
        load.put("rate", config.rate() > 0 ? config.rate() : null);
        load.put("exchange", config.exchange());
        Map<String, Object> latencies = new LinkedHashMap<>();
        latencies.put("p50", latency.p50());
        latencies.put("p90", latency.p90());
        latencies.put("p99", latency.p99());
        latencies.put("p99.9", latency.p999());
        latencies.put("max", latency.max());
        latencies.put("mean", latency.mean());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("target", target);
        report.put("profile", profile);
        report.put("load", load);
        report.put("messages", messages);
        report.put("seconds", seconds);
        report.put("messagesPerSecond", messagesPerSecond());
        report.put("megabytesOutPerSecond", megabytesOutPerSecond());
        report.put("megabytesInPerSecond", megabytesInPerSecond());
        report.put("rateReached", config.rate() > 0 ? rateReached() : null);
        report.put("latencyMicros", answered() ? latencies : null);
        report.put("errors", errorCount());
        report.put("errorsByKind", errors);
        report.put("stoppedAfterSeconds", stopped() ? stoppedAfter : null);
        return report;
    }

    /** The report for people: one aligned line per figure. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        line(out, "target", target + ", profile " + profile);
        line(out, "load", config.connections() + " connections, pipeline " + config.pipeline() + ", "
                + (config.body() == null ? config.size() + " B bodies, " : "body " + config.body() + ", ")
                + "" + (config.exchange() ? "exchange (message, acknowledgement, ok)" : "request and answer")
                + (config.rate() > 0 ? String.format(Locale.ROOT, ", target %,.0f msgs/s", config.rate()) : ""));
        line(out, "messages", String.format(Locale.ROOT, "%,d", messages));
        line(out, "seconds", String.format(Locale.ROOT, "%.3f", seconds));
        line(out, "msgs/s", String.format(Locale.ROOT, "%,.0f", messagesPerSecond()));
        line(out, "MB/s", String.format(Locale.ROOT, "out %.2f, in %.2f", megabytesOutPerSecond(), megabytesInPerSecond()));
        if (!rateReached()) {
            line(out, "rate", String.format(Locale.ROOT, "%,.0f/s asked, %,.0f/s reached", config.rate(),
                    messagesPerSecond()));
        }
        line(out, "latency", answered() ? String.format(Locale.ROOT, "p50 %s  p90 %s  p99 %s  p99.9 %s  max %s",
                ms(latency.p50()), ms(latency.p90()), ms(latency.p99()), ms(latency.p999()), ms(latency.max()))
                : "no answers");
        StringBuilder kinds = new StringBuilder(String.format(Locale.ROOT, "%,d", errorCount()));
        errors.forEach((kind, count) -> kinds.append(String.format(Locale.ROOT, "  %s %,d", kind, count)));
        line(out, "errors", kinds.toString());
        if (stopped()) {
            line(out, "stopped", String.format(Locale.ROOT, "after %.1f s (SIGINT or SIGTERM)", stoppedAfter));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(String.format(Locale.ROOT, "%-10s %s%n", name, value));
    }

    private static String ms(double micros) {
        return String.format(Locale.ROOT, "%.3f ms", micros / 1000);
    }
}
