package dev.mtk.bench.jmh;

import dev.mtk.metrics.ServerMetrics;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the server's counting adds to one request and its reply: a message received, the handler timed, a message
 * sent. Two threads, as two I/O threads count into one server's metrics at once ({@code -t 1} for one).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(2)
public class ServerMetricsBenchmark {
    private final ServerMetrics metrics = ServerMetrics.create(() -> 0);

    @Benchmark
    public void requestAndReply() {
        metrics.received(70);
        long start = System.nanoTime();
        metrics.handled(1, System.nanoTime() - start);
        metrics.sent(70);
    }

    /** The same without the handler's two clock reads, to tell what the counting costs from what the timing does. */
    @Benchmark
    public void countsOnly() {
        metrics.received(70);
        metrics.sent(70);
    }
}
