package dev.mtk.session;

import dev.mtk.internal.Hex;
import dev.mtk.spi.Frame;
import dev.mtk.spi.Handler;
import dev.mtk.spi.PayloadException;
import dev.mtk.spi.RawBytes;
import dev.mtk.spi.SkippedBytes;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderException;

/**
 * Turns MINA's events into a handler's calls: decoded units become {@link Message}s (validated when the profile
 * says so), refused input closes only the session that sent it, and every session's opening and closing is logged.
 */
final class ServerHandler extends IoHandlerAdapter {
    private final Profile profile;
    private final Handler behaviour;
    private final ScheduledExecutorService timer;
    private final int idleSeconds;
    private final SessionLimits limits;
    private final Map<String, Object> shared = new ConcurrentHashMap<>();

    ServerHandler(ServerConfig config, Handler behaviour, ScheduledExecutorService timer) {
        this.profile = config.profile();
        this.behaviour = behaviour;
        this.timer = timer;
        this.idleSeconds = config.idleSeconds();
        this.limits = config.sessions();
    }

    @Override
    public void sessionOpened(IoSession io) {
        ServerSession session = ServerSession.attach(io, profile, timer, idleSeconds, shared, limits.maxPending());
        session.log("connected");
        try {
            behaviour.onOpen(session);
        } catch (Exception e) {
            behaviour.onError(session, e);
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
            if (profile.validate()) {
                try {
                    profile.payload().validate(frame.body());
                } catch (PayloadException e) {
                    session.close(e.getMessage());
                    return;
                } catch (RuntimeException | LinkageError e) {
                    session.close("payload " + profile.payload().name() + " failed: " + e);
                    return;
                }
            }
            message = Message.of(frame, profile.payload());
        } else if (unit instanceof RawBytes raw) {
            message = Message.of(raw, profile.payload());
        } else if (unit instanceof SkippedBytes skipped) {
            session.account(skipped.count());
            session.log("skipped " + skipped.count() + " B of garbage before a frame: "
                    + Hex.spaced(skipped.sample(), 16) + (skipped.count() > skipped.sample().length ? " ..." : ""));
            return;
        } else {
            session.close("decoder produced a " + unit.getClass().getName() + ", not a frame");
            return;
        }
        session.account(message.wireSize());
        message.confirming(profile.isConfirmation(message));
        if (session.logEnabled()) {
            session.log(message.confirmation() ? "confirmed: " + message.render() + " " + message.sizes()
                    : "received " + message.sizes() + ": " + message.render());
        }
        try {
            behaviour.onMessage(session, message);
        } catch (Exception e) {
            behaviour.onError(session, e);
        }
    }

    @Override
    public void sessionIdle(IoSession io, IdleStatus status) {
        ServerSession session = ServerSession.of(io);
        if (session == null || session.closeReason() != null) {
            return;
        }
        try {
            behaviour.onIdle(session);
        } catch (Exception e) {
            behaviour.onError(session, e);
        }
    }

    @Override
    public void sessionClosed(IoSession io) {
        ServerSession session = ServerSession.of(io);
        if (session == null) {
            return;
        }
        try {
            behaviour.onClose(session);
        } catch (Exception e) {
            ConversationLog.SERVER.warn(session.peer(), "handler failed on close: " + e);
        }
        session.markClosed();
        if (session.closeReason() == null) {
            long pending = io.getFilterChain().contains("tls") ? 0 : session.bytesPending();
            session.log("closed (in " + session.bytesIn() + " B, out " + session.bytesOut() + " B"
                    + (pending > 0 ? ", " + pending + " B never completed a frame" : "") + ")");
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
            session.close(root == decoding ? decoding.getMessage() : "decoder failed: " + root);
        } else if (cause instanceof TlsRefusal mismatch) {
            session.close(mismatch.getMessage());
            io.closeNow();
        } else if (cause instanceof javax.net.ssl.SSLException tls) {
            session.close("TLS failed: " + tls.getMessage());
            io.closeNow();
        } else if (cause instanceof IOException io2) {
            session.close("connection error: " + (io2.getMessage() == null ? io2.getClass().getSimpleName()
                    : io2.getMessage()));
            io.closeNow();
        } else {
            session.close("unexpected error: " + cause);
        }
    }
}
