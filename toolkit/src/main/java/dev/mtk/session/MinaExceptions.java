package dev.mtk.session;

import java.nio.channels.ClosedSelectorException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.apache.mina.util.ExceptionMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MINA's handler of last resort for exceptions no session owns. MINA's own prints a stack trace, including for the
 * {@link ClosedSelectorException} an I/O thread may meet while a server or client is being disposed, which is part
 * of a normal shutdown; this one ignores that and reports anything else on one line.
 *
 * <p>At most one line a second for each kind of failure (its class and message), counting the ones it left out:
 * an accept loop out of file descriptors ({@code ulimit -n 256}, 300 connections) fails again every few
 * milliseconds, and a line, or a stack trace, for every try buries everything else on standard error.
 */
final class MinaExceptions extends ExceptionMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(MinaExceptions.class);
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    static {
        ExceptionMonitor.setInstance(new MinaExceptions(System::nanoTime, MinaExceptions::log));
    }

    private final LongSupplier clock;
    private final BiConsumer<String, Throwable> report;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /**
     * @param clock  nanoseconds, as {@link System#nanoTime()}
     * @param report takes each line to report and the failure it is about
     */
    MinaExceptions(LongSupplier clock, BiConsumer<String, Throwable> report) {
        this.clock = clock;
        this.report = report;
    }

    /** Reports a failure no session owns, as MINA's own would be. */
    static void report(Throwable cause) {
        ExceptionMonitor.getInstance().exceptionCaught(cause);
    }

    /** Makes sure this monitor is installed. */
    static void install() {
        // the static initialiser does it, once
    }

    @Override
    public void exceptionCaught(Throwable cause) {
        if (cause instanceof ClosedSelectorException) {
            return;
        }
        long suppressed = windows.computeIfAbsent(cause.getClass().getName() + ": " + cause.getMessage(),
                kind -> new Window()).admit(clock.getAsLong());
        if (suppressed >= 0) {
            report.accept("unexpected I/O error: " + cause
                    + (suppressed > 0 ? " (" + suppressed + " more like it in the last second, not shown)" : ""), cause);
        }
    }

    private static void log(String line, Throwable cause) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(line, cause);
        } else {
            LOG.warn(line);
        }
    }

    /** One kind of failure: when it was last reported, and how many times it came since. */
    private static final class Window {
        private boolean reported;
        private long last;
        private long suppressed;

        /** The number left out since the last report when this one is to be reported, else -1. */
        synchronized long admit(long now) {
            if (reported && now - last < INTERVAL_NANOS) {
                suppressed++;
                return -1;
            }
            reported = true;
            last = now;
            long left = suppressed;
            suppressed = 0;
            return left;
        }
    }
}
