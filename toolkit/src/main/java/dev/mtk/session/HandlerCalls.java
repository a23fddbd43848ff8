package dev.mtk.session;

import dev.mtk.exchange.Exchange;
import dev.mtk.journal.Journal;
import dev.mtk.metrics.Refusal;
import dev.mtk.metrics.ServerMetrics;
import dev.mtk.spi.Handler;
import dev.mtk.spi.PayloadException;

/**
 * The boundary between the server and a {@link Handler}: every call into the handler, and into the payload codec that
 * validates what it receives, catches every {@link Throwable}. Under the seed's exchange the server keeps the
 * client's confirmations from the handler ({@link SeedExchange}).
 *
 * <p>Why {@code Throwable}: a script's failed {@code assert} is an {@link AssertionError}, a plugin built against a
 * missing library throws {@link NoClassDefFoundError}, a runaway recursion {@link StackOverflowError}. Caught as
 * exceptions only, they escaped to the thread running the callback, and an I/O thread that died that way left all its
 * sessions unread (issue 12). Here they close the one session, through the handler's {@code onError}.
 */
final class HandlerCalls {
    private final Profile profile;
    /** Read once per callback: a replacement takes effect at the next one, never halfway through one. */
    private final Behaviour behaviour;
    private final Journal journal;
    private final ServerMetrics metrics;

    HandlerCalls(Profile profile, Behaviour behaviour, Journal journal, ServerMetrics metrics) {
        this.profile = profile;
        this.behaviour = behaviour;
        this.journal = journal;
        this.metrics = metrics;
    }

    void open(ServerSession session) {
        Handler handler = behaviour.current();
        try {
            handler.onOpen(session);
        } catch (Throwable e) {
            failed(handler, session, e);
        }
    }

    /**
     * Validates the message when the profile says so, logs and journals it, then hands it to the handler. Journaled
     * here, after validation and after the seed's confirmation is taken off, so that the journal holds what the
     * handler was given: a body the payload refused closed the session instead.
     */
    void message(ServerSession session, Message message) {
        if (session.closeReason() != null) {
            return;
        }
        if (message.framed() && profile.validate()) {
            try {
                profile.payload().validate(message.body());
            } catch (PayloadException e) {
                session.close(Refusal.PAYLOAD_INVALID, e.getMessage());
                return;
            } catch (Throwable e) {
                session.close(Refusal.PAYLOAD_INVALID, "payload " + profile.payload().name() + " failed: " + e);
                return;
            }
        }
        boolean confirmation = profile.isConfirmation(message);
        if (session.logEnabled()) {
            session.log(confirmation ? "confirmed: " + message.render() + " " + message.sizes()
                    : "received " + message.sizes() + ": " + message.headerText() + message.render());
        }
        if (profile.exchange() == Exchange.SEED && SeedExchange.consumes(session, message, confirmation)) {
            return;
        }
        journal.record(session.id(), session.peer(), message);
        Handler handler = behaviour.current();
        try {
            handler.onMessage(session, message);
        } catch (Throwable e) {
            failed(handler, session, e);
        }
    }

    /**
     * {@code messages} messages took {@code nanos} on a handler thread, validation and journal included. Counted by
     * the handler threads' drain, not here per message: the built-in handlers answering on the I/O threads
     * ({@link NonBlocking}) take well under a microsecond and are not timed (their two clock reads were 4 % of the
     * server's CPU samples pipelined), and on the handler threads two reads per drain instead of two per message
     * took 37 ns off the acknowledging script's 765 ns per message pipelined (docs/PERFORMANCE.md).
     */
    void timed(int messages, long nanos) {
        metrics.handled(messages, nanos);
    }

    void idle(ServerSession session) {
        if (session.closeReason() != null) {
            return;
        }
        Handler handler = behaviour.current();
        try {
            handler.onIdle(session);
        } catch (Throwable e) {
            failed(handler, session, e);
        }
    }

    /** The handler's {@code onClose}, then the session's last log line when nothing was logged for its close. */
    void closed(ServerSession session, long pending) {
        SeedExchange.closing(session);
        try {
            behaviour.current().onClose(session);
        } catch (Throwable e) {
            ConversationLog.SERVER.warn(session.peer(), "handler failed on close: " + e);
        }
        if (session.closeReason() == null) {
            session.log("closed (in " + session.bytesIn() + " B, out " + session.bytesOut() + " B"
                    + (pending > 0 ? ", " + pending + " B never completed a frame" : "") + ")");
        }
    }

    /**
     * Hands a callback's failure, whatever it is, to the {@code onError} of the handler that failed; when that fails
     * too, the session closes naming both.
     */
    private static void failed(Handler handler, ServerSession session, Throwable error) {
        try {
            handler.onError(session, error);
        } catch (Throwable again) {
            session.close(Refusal.FAILED, "handler failed: " + error + ", then its onError failed: " + again);
        }
    }
}
