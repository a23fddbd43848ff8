package dev.mtk.session;

import dev.mtk.internal.Failures;
import dev.mtk.spi.Frame;
import dev.mtk.spi.RawBytes;
import dev.mtk.spi.SkippedBytes;
import java.io.IOException;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderException;

/** Hands each client session's MINA events to its {@link ClientSession}. */
final class ClientHandler extends IoHandlerAdapter {

    @Override
    public void messageReceived(IoSession io, Object unit) {
        ClientSession session = ClientSession.of(io);
        if (unit instanceof Frame frame) {
            session.received(session.profile().received(frame));
        } else if (unit instanceof RawBytes raw) {
            session.received(Message.of(raw, session.profile().payload()));
        } else if (unit instanceof SkippedBytes skipped) {
            session.skipped(skipped);
        }
    }

    @Override
    public void messageSent(IoSession io, Object message) {
        ClientSession session = ClientSession.of(io);
        if (session != null) {
            session.written();
        }
    }

    @Override
    public void sessionClosed(IoSession io) {
        ClientSession session = ClientSession.of(io);
        if (session != null) {
            session.closed();
        }
    }

    @Override
    public void exceptionCaught(IoSession io, Throwable cause) {
        ClientSession session = ClientSession.of(io);
        String reason;
        if (cause instanceof ProtocolDecoderException decoding && decoding.getCause() == null) {
            reason = decoding.getMessage();
        } else if (cause instanceof TlsRefusal) {
            reason = cause.getMessage();
        } else if (cause instanceof javax.net.ssl.SSLException) {
            reason = "TLS failed: " + cause.getMessage() + (String.valueOf(cause.getMessage()).contains("PKIX")
                    ? " (the server's certificate is not trusted: --truststore FILE, or --insecure for test certificates)"
                    : "");
        } else if (cause instanceof IOException) {
            reason = "connection error: " + Failures.reason(cause);
        } else {
            reason = "unexpected error: " + cause;
        }
        if (session == null) {
            io.closeNow();
        } else {
            session.fail(reason);
        }
    }
}
