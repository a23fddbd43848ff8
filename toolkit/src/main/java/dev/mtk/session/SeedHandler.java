package dev.mtk.session;

import dev.mtk.spi.Conversation;
import dev.mtk.spi.Handler;
import dev.mtk.spi.Received;

/**
 * The seed's server: acknowledge each message with {@code 我收到了}, then read the client's {@code ok}. (The server
 * logs every message and reply, whatever the behaviour; this one adds a line when a confirmation is missing.)
 */
public final class SeedHandler implements Handler, NonBlocking {
    private static final String STATE = SeedHandler.class.getName();

    /** Whether the last acknowledgement still waits for its confirmation: one lookup per message, no map writes. */
    private static final class Awaiting {
        private boolean confirmation;
    }

    @Override
    public void onMessage(Conversation session, Received message) {
        Awaiting awaiting = (Awaiting) session.state().computeIfAbsent(STATE, key -> new Awaiting());
        if (awaiting.confirmation) {
            awaiting.confirmation = false;
            if (message.confirmation()) {
                return;
            }
            if (!message.framed()) {
                session.log("expected confirmation \"" + Profile.CONFIRMATION + "\", got: " + message.render());
                return;
            }
            session.log("no confirmation before the next message");
        }
        session.acknowledge();
        awaiting.confirmation = true;
    }

    @Override
    public void onClose(Conversation session) {
        if (session.state().get(STATE) instanceof Awaiting awaiting && awaiting.confirmation) {
            session.log("closed before confirming the last acknowledgement");
        }
    }
}
