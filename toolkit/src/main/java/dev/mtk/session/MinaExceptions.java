package dev.mtk.session;

import dev.mtk.internal.Throttle;
import java.nio.channels.ClosedSelectorException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    static {
        ExceptionMonitor.setInstance(new MinaExceptions(System::nanoTime, MinaExceptions::log));
    }

    private final LongSupplier clock;
    private final BiConsumer<String, Throwable> report;
    private final Map<String, Throttle> throttles = new ConcurrentHashMap<>();

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
        long held = throttles.computeIfAbsent(cause.getClass().getName() + ": " + cause.getMessage(),
                kind -> new Throttle(clock)).pass();
        if (held >= 0) {
            report.accept("unexpected I/O error: " + cause + (held > 0 ? " (" + held + " more in the last second)" : ""),
                    cause);
        }
    }

    private static void log(String line, Throwable cause) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(line, cause);
        } else {
            LOG.warn(line);
        }
    }

}
