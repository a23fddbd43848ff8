package dev.mtk.session;

import dev.mtk.internal.Hex;
import dev.mtk.metrics.Refusal;
import dev.mtk.metrics.ServerMetrics;
import dev.mtk.spi.Frame;
import dev.mtk.spi.RawBytes;
import dev.mtk.spi.SkippedBytes;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderException;

/**
 * Turns MINA's events into a handler's calls: decoded units become {@link Message}s, refused input closes only the
 * session that sent it, and every session's opening and closing is logged.
 *
 * <p>The calls themselves ({@link HandlerCalls}) run on the I/O thread for the built-in handlers that cannot block
 * ({@link NonBlocking}), and for every other handler on a {@link HandlerWorkers} thread, through the session's
 * {@link SessionQueue}.
 */
final class ServerHandler extends IoHandlerAdapter {
    private final Profile profile;
    private final HandlerCalls calls;
    /** {@code null} when the handler runs on the I/O threads. */
    private final HandlerWorkers workers;
    private final ScheduledExecutorService timer;
    private final int idleSeconds;
    private final SessionLimits limits;
    private final Map<String, Object> shared;
    private final ServerMetrics metrics;

    ServerHandler(ServerConfig config, HandlerCalls calls, Map<String, Object> shared, HandlerWorkers workers,
            ScheduledExecutorService timer, ServerMetrics metrics) {
        this.shared = shared;
        this.metrics = metrics;
        this.profile = config.profile();
        this.calls = calls;
        this.workers = workers;
        this.timer = timer;
        this.idleSeconds = config.idleSeconds();
        this.limits = config.sessions();
    }

    @Override
    public void sessionOpened(IoSession io) {
        ServerSession session = ServerSession.attach(io, profile, timer, idleSeconds, shared, limits.maxPending(),
                metrics);
        metrics.opened();
        session.log("connected");
        if (workers == null) {
            calls.open(session);
        } else {
            session.queue(new SessionQueue(session, io, calls, workers)).event(SessionQueue.Event.OPENED);
        }
    }

    @Override
    public void messageReceived(IoSession io, Object unit) {
        ServerSession session = ServerSession.of(io);
        if (session.closeReason() != null) {
            return;
        }
        Message message;
        if (unit instanceof Frame frame) {
            message = profile.received(frame);
        } else if (unit instanceof RawBytes raw) {
            message = Message.of(raw, profile.payload());
        } else if (unit instanceof SkippedBytes skipped) {
            session.account(skipped.count());
            metrics.skipped(skipped.count());
            session.log("skipped " + skipped.count() + " B of garbage before a frame: "
                    + Hex.spaced(skipped.sample(), 16) + (skipped.count() > skipped.sample().length ? " ..." : ""));
            return;
        } else {
            close(session, Refusal.FAILED, "decoder produced a " + unit.getClass().getName() + ", not a frame");
            return;
        }
        session.account(message.wireSize());
        session.countReceived(message.wireSize());
        if (workers == null) {
            calls.message(session, message);
        } else {
            session.queue().message(message);
        }
    }

    @Override
    public void sessionIdle(IoSession io, IdleStatus status) {
        ServerSession session = ServerSession.of(io);
        if (session == null || session.closeReason() != null) {
            return;
        }
        if (workers == null) {
            calls.idle(session);
        } else {
            session.queue().event(SessionQueue.Event.IDLE);
        }
    }

    @Override
    public void sessionClosed(IoSession io) {
        ServerSession session = ServerSession.of(io);
        if (session == null) {
            return;
        }
        session.markClosed();
        metrics.closed();
        long pending = io.getFilterChain().contains("tls") ? 0 : session.bytesPending();
        if (workers == null) {
            calls.closed(session, pending);
        } else {
            session.queue().closed(pending);
        }
    }

    /** Closes {@code session} for {@code reason} after the replies to what it sent before; counts it under {@code kind}. */
    private void close(ServerSession session, Refusal kind, String reason) {
        session.refused(kind);
        if (workers == null) {
            session.close(reason);
        } else {
            session.queue().closeAfterQueued(reason);
        }
    }

    @Override
    public void exceptionCaught(IoSession io, Throwable cause) {
        ServerSession session = ServerSession.of(io);
        if (session == null) {
            io.closeNow();
            return;
        }
        if (session.isClosed()) {
            // The close was already logged; what failed afterwards (a TLS close, a reset) adds nothing.
            return;
        }
        if (cause instanceof ProtocolDecoderException decoding) {
            Throwable root = decoding.getCause() == null ? decoding : decoding.getCause();
            close(session, Refusal.ofDecoder(root), root == decoding ? decoding.getMessage() : "decoder failed: " + root);
        } else if (cause instanceof TlsRefusal mismatch) {
            session.close(Refusal.TLS, mismatch.getMessage());
            io.closeNow();
        } else if (cause instanceof javax.net.ssl.SSLException tls) {
            session.close(Refusal.TLS, "TLS failed: " + tls.getMessage());
            io.closeNow();
        } else if (cause instanceof IOException io2) {
            session.close("connection error: " + (io2.getMessage() == null ? io2.getClass().getSimpleName()
                    : io2.getMessage()));
            io.closeNow();
        } else {
            close(session, Refusal.FAILED, "unexpected error: " + cause);
        }
    }
}
