package dev.mtk.bench.result;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * An HdrHistogram interval log ({@code --hlog FILE}): what each timing recorded in each interval of a run, one tagged
 * line per timing per interval, in the format HdrHistogram's own tools read ({@code HistogramLogReader},
 * HistogramLogAnalyzer, {@code hdr-plot}). Where {@code --json} keeps one histogram per timing for the whole run, the
 * log shows how latency moved during it: the second a server stalled stands out.
 *
 * <pre>
 * #[Histogram log format version 1.3]
 * #[StartTime: 1796166000.000 (seconds since epoch), Tue Dec 01 23:00:00 UTC 2026]
 * #[BaseTime: 1796166000.000 (seconds since epoch)]
 * "StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram"
 * Tag=request,0.000,1.000,0.912,HISTFAAAA...
 * Tag=request,1.000,1.000,1.207,HISTFAAAA...
 * </pre>
 *
 * Timestamps are seconds after the start (the base time); latencies are recorded in nanoseconds and the interval's
 * maximum is written in milliseconds. Several threads may write (a scenario's steps); each line is written whole.
 */
public final class IntervalLog implements AutoCloseable {
    /** Nanoseconds to the milliseconds of the {@code Interval_Max} column. */
    private static final double MILLIS = 1e6;

    private final PrintStream out;
    private final HistogramLogWriter writer;
    private final Instant start;

    private IntervalLog(PrintStream out, Instant start) {
        this.out = out;
        this.writer = new HistogramLogWriter(out);
        this.start = start;
    }

    /**
     * Creates (or replaces) {@code file} and writes the log's header with {@code start} as its start and base time.
     *
     * @throws IOException when the file cannot be created
     */
    public static IntervalLog open(Path file, Instant start) throws IOException {
        OutputStream stream = Files.newOutputStream(file);
        IntervalLog log = new IntervalLog(new PrintStream(stream, false, StandardCharsets.UTF_8), start);
        synchronized (log) {
            log.writer.outputLogFormatVersion();
            log.writer.outputStartTime(start.toEpochMilli());
            log.writer.setBaseTime(start.toEpochMilli());
            log.writer.outputBaseTime(start.toEpochMilli());
            log.writer.outputLegend();
        }
        return log;
    }

    /** When the log starts: its timestamps count from here. */
    public Instant start() {
        return start;
    }

    /**
     * One line: what the timing {@code tag} recorded (nanoseconds) from {@code from} to {@code to}. {@code interval}
     * is not changed.
     */
    public synchronized void write(String tag, Histogram interval, Instant from, Instant to) {
        Histogram tagged = interval.copy();
        tagged.setTag(tag);
        writer.outputIntervalHistogram(seconds(from), seconds(to), tagged, MILLIS);
    }

    private double seconds(Instant at) {
        return Duration.between(start, at).toNanos() / 1e9;
    }

    /**
     * Flushes and closes the file.
     *
     * @throws IOException when any write failed (a full disk): the log is then incomplete
     */
    @Override
    public synchronized void close() throws IOException {
        out.close();
        if (out.checkError()) {
            throw new IOException("the write failed");
        }
    }
}
