package dev.mtk.session;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteException;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;

/**
 * Sits behind the {@link TlsFilter} and turns what happens to a TLS handshake into the one line a session's log
 * ends with.
 *
 * <ul>
 *   <li>A server's handshake has a deadline: a peer that connects and never finishes (a plain client that sends
 *       nothing, or one byte every few seconds) held a session and its TLS engine until {@code --idle}, 300 s by
 *       default. It is closed with {@code TLS handshake not completed within 10 s}.</li>
 *   <li>A client whose server hangs up before the handshake is done is told
 *       {@code the server did not answer the TLS handshake (it may not use TLS)}: the usual cause is a plain server,
 *       which sees the client's hello as garbage and closes.</li>
 *   <li>A write that fails because the session is already closing (the TLS layer's own {@code close_notify} after
 *       the socket is gone, a reply queued behind a handshake the peer walked out of) is not reported: the close is,
 *       and it said why. Before, a clean TLS exchange ended with {@code closed: connection error: null}.</li>
 * </ul>
 */
final class TlsGuard extends IoFilterAdapter {
    private static final AttributeKey SECURED = new AttributeKey(TlsGuard.class, "secured");
    private static final AttributeKey DEADLINE = new AttributeKey(TlsGuard.class, "deadline");

    private final ScheduledExecutorService timer;
    private final Duration timeout;

    private TlsGuard(ScheduledExecutorService timer, Duration timeout) {
        this.timer = timer;
        this.timeout = timeout;
    }

    /** A server's guard: a handshake not done {@code timeout} after the connection opened closes it. */
    static TlsGuard server(ScheduledExecutorService timer, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("handshake timeout must be positive: " + timeout);
        }
        return new TlsGuard(timer, timeout);
    }

    /** A client's guard: its callers' own timeouts bound how long it waits for a handshake. */
    static TlsGuard client() {
        return new TlsGuard(null, null);
    }

    @Override
    public void sessionOpened(NextFilter next, IoSession io) throws Exception {
        if (timer != null && !io.containsAttribute(SECURED)) {
            io.setAttribute(DEADLINE, timer.schedule(() -> expire(next, io), timeout.toNanos(), TimeUnit.NANOSECONDS));
        }
        next.sessionOpened(io);
    }

    private void expire(NextFilter next, IoSession io) {
        if (!io.containsAttribute(SECURED) && io.isConnected() && !io.isClosing()) {
            next.exceptionCaught(io, new TlsRefusal("TLS handshake not completed within " + human(timeout)));
            io.closeNow();
        }
    }

    @Override
    public void event(NextFilter next, IoSession io, FilterEvent event) throws Exception {
        if (event == SslEvent.SECURED) {
            io.setAttribute(SECURED, Boolean.TRUE);
            cancelDeadline(io);
        }
        next.event(io, event);
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession io) throws Exception {
        cancelDeadline(io);
        if (!io.isServer() && !io.containsAttribute(SECURED)) {
            next.exceptionCaught(io, new TlsRefusal("the server did not answer the TLS handshake (it may not use TLS)"));
        }
        next.sessionClosed(io);
    }

    @Override
    public void exceptionCaught(NextFilter next, IoSession io, Throwable cause) throws Exception {
        if (cause instanceof WriteException && io.isClosing()) {
            return;
        }
        next.exceptionCaught(io, cause);
    }

    private static void cancelDeadline(IoSession io) {
        Object deadline = io.removeAttribute(DEADLINE);
        if (deadline instanceof ScheduledFuture<?> future) {
            future.cancel(false);
        }
    }

    private static String human(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
