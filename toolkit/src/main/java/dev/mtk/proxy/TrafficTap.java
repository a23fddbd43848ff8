package dev.mtk.proxy;

import dev.mtk.record.Direction;
import dev.mtk.record.StreamDecoder;
import dev.mtk.record.WireUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's decoding thread: the I/O threads hand it copies of what they forwarded, and it decodes them and tells
 * the observers, out of the data path. Copies wait in a queue; when more than {@link #HIGH_WATER} bytes wait (the
 * observers are slower than the traffic, e.g. printing to a slow terminal), the connections that add to it stop
 * reading until the queue is down to {@link #LOW_WATER}: the proxy slows down rather than running out of memory or
 * dropping frames from the record.
 *
 * <p>The decoders keep the start of each frame until it completes; all connections together keep at most
 * {@code maxHeld} bytes, past which the connection whose decoders hold the most is no longer decoded (its bytes still
 * reach the observers, as undecoded bytes) and the proxy goes on forwarding. Should decoding itself fail (an
 * observer's or a decoder's {@link Error}), the thread stops decoding with one warning and the proxy goes on
 * forwarding: the proxy never stalls for its observers.
 */
final class TrafficTap implements AutoCloseable {
    static final long HIGH_WATER = 4L * 1024 * 1024;
    static final long LOW_WATER = 1024 * 1024;
    /** The proxy's own log, where its users read what became of their traffic. */
    private static final Logger LOG = LoggerFactory.getLogger("mtk.proxy");

    private final List<TrafficObserver> observers;
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final AtomicLong backlog = new AtomicLong();
    /** Connections that stopped reading for the backlog; a set, as one may be stopped again before it is resumed. */
    private final Set<ProxyConnection> stalled = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private final long maxHeld;
    /** What each connection's decoders hold; for the decoding thread only. */
    private final Map<ProxyConnection, Long> heldBy = new HashMap<>();
    private long held;
    private volatile boolean stopping;
    private volatile boolean broken;

    TrafficTap(List<TrafficObserver> observers, long maxHeld) {
        this.observers = List.copyOf(observers);
        this.maxHeld = maxHeld;
        this.thread = new Thread(this::loop, "mtk-proxy-decode");
        thread.setDaemon(true);
        if (!this.observers.isEmpty()) {
            thread.start();
        }
    }

    /** Whether anyone observes, and decoding still works: otherwise the proxy copies nothing. */
    boolean active() {
        return !observers.isEmpty() && !broken;
    }

    void listening(java.net.InetSocketAddress address, long nanos) {
        submit(0, () -> observers.forEach(o -> o.listening(address, nanos)));
    }

    void opened(ProxyConnection connection, String client, String target, long nanos) {
        submit(0, () -> observers.forEach(o -> o.opened(connection.id(), client, target, nanos)));
    }

    /** Queues a copy of forwarded bytes for decoding. */
    void bytes(ProxyConnection connection, Direction dir, byte[] copy, long nanos) {
        submit(copy.length, () -> {
            for (WireUnit unit : connection.decoder(dir).feed(copy)) {
                observers.forEach(o -> o.unit(connection.id(), dir, unit, nanos));
            }
            account(connection);
            if (held > maxHeld) {
                abandonLargest(nanos);
            }
        });
    }

    void closed(ProxyConnection connection, String by, String reason, long clientBytes, long serverBytes, long nanos) {
        submit(0, () -> {
            for (Direction dir : Direction.values()) {
                StreamDecoder decoder = connection.decoder(dir);
                WireUnit left = decoder.finish();
                if (left != null) {
                    observers.forEach(o -> o.unit(connection.id(), dir, left, nanos));
                }
            }
            held -= heldBy.getOrDefault(connection, 0L);
            heldBy.remove(connection);
            observers.forEach(o -> o.closed(connection.id(), by, reason, clientBytes, serverBytes, nanos));
        });
    }

    /** Brings {@code connection}'s share of what the decoders hold up to date. */
    private void account(ProxyConnection connection) {
        long now = 0;
        for (Direction dir : Direction.values()) {
            now += connection.decoder(dir).held();
        }
        Long before = heldBy.put(connection, now);
        held += now - (before == null ? 0 : before);
    }

    /** Stops decoding the connection whose decoders hold the most, so the proxy's memory stays bounded. */
    private void abandonLargest(long nanos) {
        ProxyConnection largest = null;
        for (Map.Entry<ProxyConnection, Long> entry : heldBy.entrySet()) {
            if (largest == null || entry.getValue() > heldBy.get(largest)) {
                largest = entry.getKey();
            }
        }
        if (largest == null) {
            return;
        }
        ProxyConnection connection = largest;
        String reason = "no longer decoded: the decoders of all connections held " + held + " B, more than max-buffered "
                + maxHeld + " B; forwarding goes on";
        LOG.warn("proxy #{} {}", connection.id(), reason);
        for (Direction dir : Direction.values()) {
            for (WireUnit unit : connection.decoder(dir).abandon(reason)) {
                observers.forEach(o -> o.unit(connection.id(), dir, unit, nanos));
            }
        }
        account(connection);
    }

    /** Whether so much waits that sources should stop reading. */
    boolean backlogged() {
        return backlog.get() > HIGH_WATER;
    }

    /** Whether little enough waits that stopped sources may read again. */
    boolean drained() {
        return backlog.get() < LOW_WATER;
    }

    /** {@code connection} stopped reading because of the backlog: resume it once the backlog drains. */
    void stalled(ProxyConnection connection) {
        stalled.add(connection);
        // The decoding thread checks after each task; another thread checks once, in case that was the last task.
        if (Thread.currentThread() != thread && drained()) {
            resumeStalled();
        }
    }

    private void submit(long bytes, Runnable task) {
        if (!active()) {
            return;
        }
        backlog.addAndGet(bytes);
        queue.add(() -> {
            try {
                task.run();
            } finally {
                backlog.addAndGet(-bytes);
            }
        });
    }

    private void loop() {
        while (true) {
            Runnable task = queue.poll();
            if (task == null) {
                idle();
                if (stopping) {
                    break;
                }
                try {
                    task = queue.take();
                } catch (InterruptedException e) {
                    break;
                }
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("an observer of the proxy's traffic failed: {}", e.toString());
            } catch (Throwable e) {
                stopDecoding(e);
            }
            if (drained()) {
                resumeStalled();
            }
        }
        observers.forEach(TrafficObserver::stopped);
    }

    /**
     * Decoding failed in a way that leaves nothing to trust (an {@link Error}): stop decoding, drop what waits, and
     * let every connection read again, so forwarding goes on without observers.
     */
    private void stopDecoding(Throwable failure) {
        if (!broken) {
            broken = true;
            LOG.warn("the proxy stopped decoding and recording after {}; it goes on forwarding", failure.toString());
        }
        queue.clear();
        backlog.set(0);
        heldBy.clear();
        held = 0;
    }

    private void idle() {
        try {
            observers.forEach(TrafficObserver::idle);
        } catch (RuntimeException e) {
            LOG.warn("an observer of the proxy's traffic failed: {}", e.toString());
        }
    }

    private void resumeStalled() {
        // A snapshot: a connection that cannot resume yet adds itself again, for the next time.
        List<ProxyConnection> now = new ArrayList<>(stalled);
        stalled.removeAll(now);
        for (ProxyConnection connection : now) {
            connection.checkFlow();
        }
    }

    /** Decodes what is queued, tells the observers the proxy stopped, and ends the thread. */
    @Override
    public void close() {
        if (observers.isEmpty()) {
            return;
        }
        stopping = true;
        queue.add(() -> { });
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
