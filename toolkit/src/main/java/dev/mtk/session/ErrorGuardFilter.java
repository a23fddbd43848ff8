package dev.mtk.session;

import dev.mtk.internal.Addresses;
import dev.mtk.metrics.Refusal;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;

/**
 * The first filter of a server's chain: an {@link Error} thrown further down while a session's input is handled (by a
 * plugin's framing decoder inside the codec filter, say) closes that session instead of ending the I/O thread.
 *
 * <p>Why: MINA's filter chain passes an {@code Exception} to {@code exceptionCaught} and goes on, but after passing
 * an {@code Error} it rethrows it, up to the I/O processor's loop, which catches only exceptions: the thread dies and
 * every session it served stops being read. With {@code --io-threads 1}, one {@code assert} in a script stopped the
 * whole server (issue 12). Handler callbacks catch everything themselves ({@link HandlerCalls}); this guard is for
 * the code between the socket and the handler: the events an I/O thread delivers that run a decoder (a read, the end
 * of input) or an idle check.
 */
final class ErrorGuardFilter extends IoFilterAdapter {

    @Override
    public void messageReceived(NextFilter next, IoSession io, Object message) {
        try {
            next.messageReceived(io, message);
        } catch (Error e) {
            close(io, e);
        }
    }

    @Override
    public void inputClosed(NextFilter next, IoSession io) {
        guard(io, () -> next.inputClosed(io));
    }

    @Override
    public void sessionIdle(NextFilter next, IoSession io, IdleStatus status) {
        guard(io, () -> next.sessionIdle(io, status));
    }

    private static void guard(IoSession io, Runnable event) {
        try {
            event.run();
        } catch (Error e) {
            close(io, e);
        }
    }

    private static void close(IoSession io, Error error) {
        ServerSession session = ServerSession.of(io);
        String reason = "unexpected error: " + error;
        if (session == null) {
            ConversationLog.SERVER.warn(Addresses.format(io.getRemoteAddress()), "closed: " + reason);
            io.closeNow();
        } else {
            session.abort(Refusal.FAILED, reason);
        }
    }
}
