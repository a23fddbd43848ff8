package dev.mtk.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * What one server counted since it started: connections, messages and bytes each way, sessions refused by
 * {@link Refusal reason}, the time its handler took, and the bytes its sessions hold; {@link #prometheus()} gives them
 * as a scrape.
 *
 * <pre>
 * mtk_server_connections_open 1.0
 * mtk_server_connections_opened_total 3.0
 * mtk_server_messages_received_total 120.0
 * mtk_server_received_bytes_total 8640.0
 * mtk_server_refused_total{reason="too_large"} 1.0
 * mtk_server_handler_seconds_count 120
 * mtk_server_pending_bytes 0.0
 * </pre>
 *
 * <p>Why adders under Micrometer's function meters rather than its counters: the server counts on its I/O threads,
 * a few adds a message, and a {@link LongAdder} is one uncontended add with no lock and no allocation; the registry
 * reads the adders only when scraped. Made at the first scrape, it costs a server nobody scrapes nothing: Micrometer
 * and the Prometheus model are a few hundred classes, and {@code mtk server}'s start is counted in milliseconds
 * (docs/PERFORMANCE.md).
 *
 * <p>Bytes are wire bytes of whole messages (header and body) and of garbage skipped before a frame; a frame still
 * arriving counts once it is complete. Counters only grow: {@code MtkServer.reset()} clears the journal, not these.
 */
public final class ServerMetrics {
    /** Shared with {@code mtk bench --json}, whose client counts the same things under {@code mtk.client.}. */
    public static final String CONNECTIONS_OPENED = "connections.opened";
    public static final String CONNECTIONS_CLOSED = "connections.closed";
    public static final String MESSAGES_RECEIVED = "messages.received";
    public static final String MESSAGES_SENT = "messages.sent";
    public static final String RECEIVED_BYTES = "received.bytes";
    public static final String SENT_BYTES = "sent.bytes";

    private static final String PREFIX = "mtk.server.";

    private final LongAdder opened = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAdder messagesIn = new LongAdder();
    private final LongAdder messagesOut = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder handled = new LongAdder();
    private final LongAdder handlerNanos = new LongAdder();
    private final LongAdder[] refused = new LongAdder[Refusal.values().length];
    private final LongSupplier pending;
    /** Made at the first scrape; guarded by {@code this}. */
    private PrometheusMeterRegistry registry;

    private ServerMetrics(LongSupplier pending) {
        this.pending = pending;
        for (int i = 0; i < refused.length; i++) {
            refused[i] = new LongAdder();
        }
    }

    /** Counts from zero; {@code pending} tells the bytes the server's sessions hold now (its buffer budget's). */
    public static ServerMetrics create(LongSupplier pending) {
        return new ServerMetrics(Objects.requireNonNull(pending, "pending"));
    }

    public void opened() {
        opened.increment();
    }

    public void closed() {
        closed.increment();
    }

    /** A message read: {@code bytes} on the wire, header included. */
    public void received(int bytes) {
        messagesIn.increment();
        bytesIn.add(bytes);
    }

    /** Bytes read that became no message: garbage skipped before a frame. */
    public void skipped(long bytes) {
        bytesIn.add(bytes);
    }

    /** A message sent: {@code bytes} on the wire. */
    public void sent(int bytes) {
        messagesOut.increment();
        bytesOut.add(bytes);
    }

    /** Counts for one session's reads, added to these metrics at the end of each read. */
    public ReadCounts readCounts() {
        return new ReadCounts();
    }

    /**
     * What one read of one session counted, in plain fields written only by the thread handling the read and added
     * to the server's adders once, when the read ends ({@link #flush()}): a pipelined read of 32 requests made 128
     * adder updates, 4 per request and reply, and those were 5.5 % of the server's CPU samples at 600,000 msgs/s
     * (async-profiler, docs/PERFORMANCE.md). A scrape during a read sees the counts of the reads before it.
     */
    public final class ReadCounts {
        private int received;
        private int sent;
        private long receivedBytes;
        private long sentBytes;

        private ReadCounts() {
        }

        /** A message read in this read: {@code bytes} on the wire, header included. */
        public void received(int bytes) {
            received++;
            receivedBytes += bytes;
        }

        /** A message sent while this read was handled: {@code bytes} on the wire. */
        public void sent(int bytes) {
            sent++;
            sentBytes += bytes;
        }

        /** Messages read since the last {@link #flush()}. */
        public int messagesReceived() {
            return received;
        }

        /** Messages sent since the last {@link #flush()}. */
        public int messagesSent() {
            return sent;
        }

        /** The read is over: adds what it counted to the server's metrics. */
        public void flush() {
            if (received > 0) {
                messagesIn.add(received);
                bytesIn.add(receivedBytes);
                received = 0;
                receivedBytes = 0;
            }
            if (sent > 0) {
                messagesOut.add(sent);
                bytesOut.add(sentBytes);
                sent = 0;
                sentBytes = 0;
            }
        }
    }

    /** The handler took {@code nanos} over {@code messages} messages. */
    public void handled(int messages, long nanos) {
        handled.add(messages);
        handlerNanos.add(nanos);
    }

    /** A session closed for {@code reason}; call it once per session, for the first reason. */
    public void refused(Refusal reason) {
        refused[reason.ordinal()].increment();
    }

    public long connectionsOpen() {
        return opened.sum() - closed.sum();
    }

    public long connectionsOpened() {
        return opened.sum();
    }

    public long connectionsClosed() {
        return closed.sum();
    }

    public long messagesReceived() {
        return messagesIn.sum();
    }

    public long messagesSent() {
        return messagesOut.sum();
    }

    public long bytesReceived() {
        return bytesIn.sum();
    }

    public long bytesSent() {
        return bytesOut.sum();
    }

    /** Sessions closed for {@code reason}. */
    public long refusals(Refusal reason) {
        return refused[reason.ordinal()].sum();
    }

    /** The bytes the server's sessions hold now: partial frames, messages waiting for the handler, unsent replies. */
    public long pendingBytes() {
        return pending.getAsLong();
    }

    /** Every count in Prometheus's text format, version 0.0.4 ({@code text/plain; version=0.0.4}). */
    public String prometheus() {
        return prometheusRegistry().scrape();
    }

    /** The Micrometer registry behind {@link #prometheus()}, to read a meter or to add one's own. */
    public MeterRegistry registry() {
        return prometheusRegistry();
    }

    private synchronized PrometheusMeterRegistry prometheusRegistry() {
        if (registry == null) {
            registry = bind(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        }
        return registry;
    }

    private PrometheusMeterRegistry bind(PrometheusMeterRegistry meters) {
        Gauge.builder(PREFIX + "connections.open", this, ServerMetrics::connectionsOpen)
                .description("Client connections open now").register(meters);
        counter(meters, CONNECTIONS_OPENED, opened, null, "Client connections accepted");
        counter(meters, CONNECTIONS_CLOSED, closed, null, "Client connections closed, by either side");
        counter(meters, MESSAGES_RECEIVED, messagesIn, null, "Messages (frames or raw units) read from clients");
        counter(meters, MESSAGES_SENT, messagesOut, null, "Messages written to clients");
        counter(meters, RECEIVED_BYTES, bytesIn, "bytes", "Wire bytes of messages read, and of garbage skipped");
        counter(meters, SENT_BYTES, bytesOut, "bytes", "Wire bytes of messages written");
        for (Refusal reason : Refusal.values()) {
            FunctionCounter.builder(PREFIX + "refused", refused[reason.ordinal()], LongAdder::sum)
                    .description("Sessions the server closed, by reason").tag("reason", reason.label())
                    .register(meters);
        }
        FunctionTimer.builder(PREFIX + "handler", this, metrics -> metrics.handled.sum(),
                metrics -> metrics.handlerNanos.sum(), TimeUnit.NANOSECONDS)
                .description("Time the handler took over each message").register(meters);
        Gauge.builder(PREFIX + "pending.bytes", this, ServerMetrics::pendingBytes).baseUnit("bytes")
                .description("Bytes the sessions hold: partial frames, messages not yet handled, replies not yet sent")
                .register(meters);
        return meters;
    }

    private static void counter(MeterRegistry meters, String name, LongAdder adder, String unit, String description) {
        FunctionCounter.builder(PREFIX + name, adder, LongAdder::sum).baseUnit(unit).description(description)
                .register(meters);
    }
}
