package dev.mtk.proxy;

import dev.mtk.record.Direction;
import dev.mtk.record.StreamDecoder;
import dev.mtk.record.WireUnit;
import java.util.List;
import java.util.ArrayList;
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
 */
final class TrafficTap implements AutoCloseable {
    static final long HIGH_WATER = 4L * 1024 * 1024;
    static final long LOW_WATER = 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(TrafficTap.class);

    private final List<TrafficObserver> observers;
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final AtomicLong backlog = new AtomicLong();
    /** Connections that stopped reading for the backlog; a set, as one may be stopped again before it is resumed. */
    private final Set<ProxyConnection> stalled = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean stopping;

    TrafficTap(List<TrafficObserver> observers) {
        this.observers = List.copyOf(observers);
        this.thread = new Thread(this::loop, "mtk-proxy-decode");
        thread.setDaemon(true);
        if (!this.observers.isEmpty()) {
            thread.start();
        }
    }

    /** Whether anyone observes: without observers the proxy copies nothing. */
    boolean active() {
        return !observers.isEmpty();
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
            observers.forEach(o -> o.closed(connection.id(), by, reason, clientBytes, serverBytes, nanos));
        });
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
            }
            if (drained()) {
                resumeStalled();
            }
        }
        observers.forEach(TrafficObserver::stopped);
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
        if (!active()) {
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
