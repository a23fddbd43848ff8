package dev.mtk.bench;

import dev.mtk.bench.result.LoadResult;
import dev.mtk.bench.result.Timing;
import dev.mtk.exchange.Exchange;
import dev.mtk.metrics.ServerMetrics;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a run measured: the {@link LoadResult} every kind of load reports (its one timing, {@value #TIMING}, holds the
 * latencies, the errors by kind and the first of each; its window is the measured time), and what only this kind of
 * run knows: how it spoke and the bytes it moved.
 *
 * @param profile     how it spoke, e.g. {@code json (framing headers, payload json)}
 * @param exchange    what each request was part of; under {@code oneway} nothing was awaited, and messages are
 *                    those sent
 * @param bodies      what the requests carried: {@code 64 B bodies}, the body or template, the file
 * @param config      the load
 * @param messages    requests answered within the measurement (one way: sent)
 * @param traffic     the bytes actually sent and received
 * @param result      target, load, window, shard, counters ({@link #counters}) and the {@value #TIMING} timing
 * @param stoppedAfter seconds after the start (warm-up included) at which the user stopped the run, or 0 when it
 *                    ran to its end
 */
public record BenchReport(String profile, Exchange exchange, String bodies, BenchConfig config, long messages,
        Traffic traffic, LoadResult result, double stoppedAfter) {
    /** The kind of {@link LoadResult} a plain {@code mtk bench} makes. */
    public static final String KIND = "requests";
    /** The name of its one timing: a request and its answer. */
    public static final String TIMING = "request";

    /**
     * Wire bytes of the measured requests.
     *
     * @param requests     requests sent
     * @param requestBytes their bytes
     * @param bytesOut     every byte sent: the requests and the seed's confirmations
     * @param bytesIn      the bytes of the replies paired with them
     */
    public record Traffic(long requests, long requestBytes, long bytesOut, long bytesIn) {
    }

    /** Latency percentiles, in microseconds. */
    public record Latency(double p50, double p90, double p99, double p999, double max, double mean) {
    }

    private Timing timing() {
        return result.timing(TIMING);
    }

    /** {@code host:port}. */
    public String target() {
        return result.target();
    }

    /** Measured time: from the end of the warm-up to the last answer. */
    public double seconds() {
        return result.seconds();
    }

    /** Failed requests by kind ({@link ErrorKind}: timeout, unknown id, duplicate reply, ...). */
    public Map<String, Long> errors() {
        return timing().errors();
    }

    /** The first reply (or reason) of each error kind, on one line. */
    public Map<String, String> examples() {
        return timing().examples();
    }

    /** Every measured latency, in nanoseconds. */
    public Histogram histogram() {
        return timing().histogram();
    }

    /** Latency percentiles, in microseconds. */
    public Latency latency() {
        Timing timing = timing();
        return new Latency(timing.micros(50), timing.micros(90), timing.micros(99), timing.micros(99.9),
                timing.maxMicros(), timing.meanMicros());
    }

    public long bytesOut() {
        return traffic.bytesOut();
    }

    public long bytesIn() {
        return traffic.bytesIn();
    }

    /** Mean wire bytes of a request, or 0 when none was sent. */
    public double meanRequestBytes() {
        return traffic.requests() > 0 ? (double) traffic.requestBytes() / traffic.requests() : 0;
    }

    /** Mean wire bytes of a reply, or 0 when none came. */
    public double meanReplyBytes() {
        return messages > 0 && exchange.awaitsReply() ? (double) traffic.bytesIn() / messages : 0;
    }

    public double messagesPerSecond() {
        return seconds() > 0 ? messages / seconds() : 0;
    }

    public double megabytesOutPerSecond() {
        return seconds() > 0 ? bytesOut() / seconds() / 1e6 : 0;
    }

    public double megabytesInPerSecond() {
        return seconds() > 0 ? bytesIn() / seconds() / 1e6 : 0;
    }

    private static final String CLIENT = "mtk.client.";

    /** Below this share of a {@code --rate}, the report says the rate was not reached. */
    static final double RATE_REACHED = 0.95;

    /** Whether at least one measured request was answered (one way: sent); without one the run measured nothing. */
    public boolean answered() {
        return messages > 0;
    }

    /** Whether there are latencies: replies were awaited, and some came. */
    public boolean latencies() {
        return answered() && exchange.awaitsReply();
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
        return timing().errorCount();
    }

    /** The load as asked for, for {@link LoadResult#load()}. */
    static Map<String, Object> load(BenchConfig config, String bodies, Exchange exchange) {
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("connections", config.connections());
        load.put("messagesPerConnection", config.messages());
        load.put("durationSeconds", config.counted() ? null : config.duration().toMillis() / 1000.0);
        load.put("warmupSeconds", config.warmup().toMillis() / 1000.0);
        load.put("bodies", bodies);
        load.put("pipeline", config.pipeline());
        load.put("rate", config.rate() > 0 ? config.rate() : null);
        load.put("exchange", exchange.label());
        load.put("expect", config.expect());
        return load;
    }

    /**
     * The report for machines: one JSON object, latencies in microseconds. It is the {@link LoadResult} (kind,
     * target, load, window, shard, counters, timings with their histograms), with the figures people read first
     * at the top level.
     */
    public Map<String, Object> toMap() {
        Latency latency = latency();
        Map<String, Long> errors = errors();
        Map<String, Object> latencies = new LinkedHashMap<>();
        latencies.put("p50", latency.p50());
        latencies.put("p90", latency.p90());
        latencies.put("p99", latency.p99());
        latencies.put("p99.9", latency.p999());
        latencies.put("max", latency.max());
        latencies.put("mean", latency.mean());
        Map<String, Object> report = result.toMap();
        report.put("profile", profile);
        report.put("messages", messages);
        report.put("messagesPerSecond", messagesPerSecond());
        report.put("megabytesOutPerSecond", megabytesOutPerSecond());
        report.put("megabytesInPerSecond", megabytesInPerSecond());
        Map<String, Object> bytes = new LinkedHashMap<>();
        bytes.put("requests", traffic.requests());
        bytes.put("sent", traffic.bytesOut());
        bytes.put("received", traffic.bytesIn());
        bytes.put("meanRequest", meanRequestBytes());
        bytes.put("meanReply", exchange.awaitsReply() ? meanReplyBytes() : null);
        report.put("bytes", bytes);
        report.put("rateReached", config.rate() > 0 ? rateReached() : null);
        report.put("latencyMicros", latencies() ? latencies : null);
        report.put("errors", errorCount());
        report.put("errorsByKind", errors);
        report.put("firstErrors", examples());
        report.put("stoppedAfterSeconds", stopped() ? stoppedAfter : null);
        // The nested errors by kind, beside the numeric counters (which LoadResult adds up), as before.
        Map<String, Object> counters = new LinkedHashMap<>(result.counters());
        counters.put(CLIENT + "errors", errors);
        report.put("counters", counters);
        return report;
    }

    /**
     * The client's side of what a server's {@link ServerMetrics} counts, under the same names with {@code mtk.client.}
     * for {@code mtk.server.}, so that a run and a server's scrape can be set side by side: connections opened (those
     * that failed to open are {@code connect} errors), and the measured requests and replies with their wire bytes.
     */
    static Map<String, Long> counters(BenchConfig config, Exchange exchange, long messages, Traffic traffic,
            Map<String, Long> errors) {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put(CLIENT + ServerMetrics.CONNECTIONS_OPENED,
                config.connections() - errors.getOrDefault(ErrorKind.CONNECT.label(), 0L));
        counters.put(CLIENT + ServerMetrics.MESSAGES_SENT, traffic.requests());
        counters.put(CLIENT + ServerMetrics.MESSAGES_RECEIVED, exchange.awaitsReply() ? messages : 0L);
        counters.put(CLIENT + ServerMetrics.SENT_BYTES, traffic.bytesOut());
        counters.put(CLIENT + ServerMetrics.RECEIVED_BYTES, traffic.bytesIn());
        return counters;
    }


    /** The report for people: one aligned line per figure. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        Latency latency = latency();
        Map<String, Long> errors = errors();
        double seconds = seconds();
        line(out, "target", target() + ", profile " + profile);
        line(out, "load", config.connections() + " connections, pipeline " + config.pipeline() + ", " + bodies
                + ", exchange " + exchange.label()
                + (config.rate() > 0 ? String.format(Locale.ROOT, ", target %,.0f msgs/s", config.rate()) : ""));
        if (config.expect() != null) {
            line(out, "expect", config.expect());
        }
        line(out, "messages", String.format(Locale.ROOT, "%,d", messages));
        line(out, "seconds", String.format(Locale.ROOT, "%.3f", seconds));
        line(out, "msgs/s", String.format(Locale.ROOT, "%,.0f", messagesPerSecond()));
        line(out, "MB/s", String.format(Locale.ROOT, "out %.2f, in %.2f", megabytesOutPerSecond(), megabytesInPerSecond()));
        line(out, "bytes", String.format(Locale.ROOT, "sent %,d (mean request %.1f B), received %,d", bytesOut(),
                meanRequestBytes(), bytesIn()) + (exchange.awaitsReply()
                        ? String.format(Locale.ROOT, " (mean reply %.1f B)", meanReplyBytes()) : ""));
        if (!rateReached()) {
            line(out, "rate", String.format(Locale.ROOT, "%,.0f/s asked, %,.0f/s reached", config.rate(),
                    messagesPerSecond()));
        }
        line(out, "latency", !exchange.awaitsReply() ? "none: oneway sends and awaits nothing"
                : latencies() ? String.format(Locale.ROOT, "p50 %s  p90 %s  p99 %s  p99.9 %s  max %s",
                ms(latency.p50()), ms(latency.p90()), ms(latency.p99()), ms(latency.p999()), ms(latency.max()))
                : "no answers");
        StringBuilder kinds = new StringBuilder(String.format(Locale.ROOT, "%,d", errorCount()));
        errors.forEach((kind, count) -> kinds.append(String.format(Locale.ROOT, "  %s %,d", kind, count)));
        line(out, "errors", kinds.toString());
        examples().forEach((kind, example) -> line(out, "", "first " + kind + ": " + example));
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
