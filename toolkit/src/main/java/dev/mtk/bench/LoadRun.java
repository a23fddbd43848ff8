package dev.mtk.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** The counters every connection of a run writes to, from its I/O thread; one reader takes the histograms. */
final class LoadRun {
    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(3);
    private final LongAdder completed = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder requestBytes = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    /** The first reply (or request) of each error kind, cut to one line: what the report shows. */
    private final Map<String, String> examples = new ConcurrentHashMap<>();
    private final LongAccumulator lastAnswer = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final CountDownLatch finished;
    /** Counted down when every connection has finished or a stop is asked: what the run's main thread waits for. */
    private final CountDownLatch wake = new CountDownLatch(1);
    private final long measureFrom;
    private volatile boolean stopping;
    /** The {@code ${seq}} of the next request, over every connection. */
    private final java.util.concurrent.atomic.AtomicLong seq = new java.util.concurrent.atomic.AtomicLong();

    LoadRun(int connections, long measureFrom) {
        this.finished = new CountDownLatch(connections);
        this.measureFrom = measureFrom;
    }

    /** The next request's number in the run: 1, 2, 3, ... */
    long nextSeq() {
        return seq.incrementAndGet();
    }

    /** Requests sent at or after this {@link System#nanoTime} are measured; earlier ones are warm-up. */
    long measureFrom() {
        return measureFrom;
    }

    boolean measured(long sentAt) {
        return sentAt >= measureFrom;
    }

    /** A measured request of {@code bytes} on the wire left. */
    void sent(int bytes) {
        requests.increment();
        requestBytes.add(bytes);
        bytesOut.add(bytes);
    }

    /** A measured confirmation ({@code ok}) left: bytes out, but not a request. */
    void confirmed(int bytes) {
        bytesOut.add(bytes);
    }

    /** The reply to a measured request sent at {@code sentAt} came at {@code now}. */
    void answered(long sentAt, long now, int replyBytes) {
        recorder.recordValue(Math.max(0, now - sentAt));
        completed.increment();
        bytesIn.add(replyBytes);
        lastAnswer.accumulate(now);
    }

    /** A measured one-way message of {@code bytes} left at {@code now}: complete as it is sent. */
    void sentOneWay(long now, int bytes) {
        sent(bytes);
        completed.increment();
        lastAnswer.accumulate(now);
    }

    void failed(ErrorKind kind, long requests) {
        errors.computeIfAbsent(kind.label(), k -> new LongAdder()).add(requests);
    }

    /**
     * A failure with what shows it: the reply at fault, or why. Only the first example of each kind is kept, so
     * {@code example} is asked for only then: rendering every failed reply (a decode and an encode of its body) would
     * cost the most when every reply fails.
     */
    void failed(ErrorKind kind, long requests, Supplier<String> example) {
        failed(kind, requests);
        if (!examples.containsKey(kind.label())) {
            String text = example.get();
            if (text != null) {
                examples.putIfAbsent(kind.label(), dev.mtk.internal.LogText.cut(text, EXAMPLE_LIMIT));
            }
        }
    }

    /** Characters of an error's example in the report: one line. */
    static final int EXAMPLE_LIMIT = 160;

    void connectionFinished() {
        finished.countDown();
        if (finished.getCount() == 0) {
            wake.countDown();
        }
    }

    /** Wakes the run's main thread (every connection finished, or a stop was asked). */
    void wake() {
        wake.countDown();
    }

    CountDownLatch woken() {
        return wake;
    }

    CountDownLatch finished() {
        return finished;
    }

    boolean stopping() {
        return stopping;
    }

    void stop() {
        stopping = true;
    }

    long completed() {
        return completed.sum();
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> errors() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((kind, count) -> copy.put(kind, count.sum()));
        return copy;
    }

    Map<String, String> examples() {
        return new TreeMap<>(examples);
    }

    long requests() {
        return requests.sum();
    }

    long requestBytes() {
        return requestBytes.sum();
    }

    long bytesOut() {
        return bytesOut.sum();
    }

    long bytesIn() {
        return bytesIn.sum();
    }

    /** When the last measured answer came, or {@code fallback} when none did. */
    long lastAnswer(long fallback) {
        long last = lastAnswer.get();
        return last == Long.MIN_VALUE ? fallback : last;
    }

    /** Moves what was recorded since the last call into the total, and returns that interval (single reader). */
    synchronized Histogram interval() {
        Histogram interval = recorder.getIntervalHistogram();
        total.add(interval);
        return interval;
    }

    /** Everything recorded (call after the last {@link #interval}). */
    synchronized Histogram total() {
        return total;
    }
}
