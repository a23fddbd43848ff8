package dev.mtk.session;

import java.nio.channels.ClosedSelectorException;
import org.apache.mina.util.ExceptionMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MINA's handler of last resort for exceptions no session owns. MINA's own prints a stack trace, including for the
 * {@link ClosedSelectorException} an I/O thread may meet while a server or client is being disposed, which is part
 * of a normal shutdown; this one ignores that and reports anything else on one line.
 */
final class MinaExceptions extends ExceptionMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(MinaExceptions.class);

    static {
        ExceptionMonitor.setInstance(new MinaExceptions());
    }

    private MinaExceptions() {
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
        if (LOG.isDebugEnabled()) {
            LOG.debug("unexpected I/O error", cause);
        } else {
            LOG.warn("unexpected I/O error: {}", cause.toString());
        }
    }
}
