package dev.mtk.session;

import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.apache.mina.filter.ssl.BufferReusingSslHandler;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRejectedException;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.core.write.WriteToClosedSessionException;
import org.apache.mina.filter.ssl.SslFilter;

/**
 * MINA's {@link SslFilter}, safe to write to while its session closes, with a handler that reuses its engine buffers
 * ({@link BufferReusingSslHandler}: why there).
 *
 * <p>When a session closes, {@code SslFilter} drops the session's TLS handler; a write from another thread that
 * comes a moment later (a client sending while a plain server hangs up on its hello) met a missing handler and
 * surfaced as {@code NullPointerException: Cannot invoke "SslHandler.write(...)" because "sslHandler" is null}, or,
 * a moment earlier, as {@code WriteRejectedException: closing}. Either way the write was lost because the session
 * was closing; here it fails as a write to a closed session, which {@link TlsGuard} knows not to report, so the
 * session's log says why it closed, not how a late write failed.
 */
final class TlsFilter extends SslFilter {

    TlsFilter(SSLContext context) {
        super(context);
    }

    /** As MINA's, but with its handler made by us: MINA's own allocated 33 KB for every record of 75 bytes. */
    @Override
    protected void onConnected(NextFilter next, IoSession io) throws SSLException {
        synchronized (this) {
            if (io.getAttribute(SSL_HANDLER) == null) {
                SSLEngine engine = createEngine(io, (InetSocketAddress) io.getRemoteAddress());
                io.setAttribute(SSL_HANDLER, new BufferReusingSslHandler(engine, EXECUTOR, io));
            }
        }
        super.onConnected(next, io);
    }

    @Override
    public void filterWrite(NextFilter next, IoSession io, WriteRequest request) throws Exception {
        if (io.getAttribute(SSL_HANDLER) == null) {
            throw new WriteToClosedSessionException(request);
        }
        try {
            super.filterWrite(next, io, request);
        } catch (WriteRejectedException e) {
            throw new WriteToClosedSessionException(request, e.getMessage(), e);
        }
    }

    /**
     * Closes MINA's handler and always passes the close on: {@code SslFilter}'s own stops at an engine that fails as
     * it closes (no {@code close_notify} for a handshake the peer walked out of), and the session's handler would
     * never hear that it closed.
     */
    @Override
    public void sessionClosed(NextFilter next, IoSession io) throws Exception {
        try {
            onClose(next, io, false);
        } catch (SSLException e) {
            next.exceptionCaught(io, e);
        }
        next.sessionClosed(io);
    }

    @Override
    public void messageReceived(NextFilter next, IoSession io, Object message) throws Exception {
        if (io.getAttribute(SSL_HANDLER) == null) {
            return; // bytes that arrived as the session closed: nothing is left to decrypt them
        }
        super.messageReceived(next, io, message);
    }
}
