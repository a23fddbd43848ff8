package dev.mtk.session;

import dev.mtk.exchange.Exchange;
import dev.mtk.journal.Journal;
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
    private final Handler behaviour;
    private final Journal journal;

    HandlerCalls(Profile profile, Handler behaviour, Journal journal) {
        this.profile = profile;
        this.behaviour = behaviour;
        this.journal = journal;
    }

    void open(ServerSession session) {
        try {
            behaviour.onOpen(session);
        } catch (Throwable e) {
            failed(session, e);
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
                session.close(e.getMessage());
                return;
            } catch (Throwable e) {
                session.close("payload " + profile.payload().name() + " failed: " + e);
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
        try {
            behaviour.onMessage(session, message);
        } catch (Throwable e) {
            failed(session, e);
        }
    }

    void idle(ServerSession session) {
        if (session.closeReason() != null) {
            return;
        }
        try {
            behaviour.onIdle(session);
        } catch (Throwable e) {
            failed(session, e);
        }
    }

    /** The handler's {@code onClose}, then the session's last log line when nothing was logged for its close. */
    void closed(ServerSession session, long pending) {
        SeedExchange.closing(session);
        try {
            behaviour.onClose(session);
        } catch (Throwable e) {
            ConversationLog.SERVER.warn(session.peer(), "handler failed on close: " + e);
        }
        if (session.closeReason() == null) {
            session.log("closed (in " + session.bytesIn() + " B, out " + session.bytesOut() + " B"
                    + (pending > 0 ? ", " + pending + " B never completed a frame" : "") + ")");
        }
    }

    /**
     * Hands a callback's failure, whatever it is, to the handler's {@code onError}; when that fails too, the session
     * closes naming both.
     */
    private void failed(ServerSession session, Throwable error) {
        try {
            behaviour.onError(session, error);
        } catch (Throwable again) {
            session.close("handler failed: " + error + ", then its onError failed: " + again);
        }
    }
}
