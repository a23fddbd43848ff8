package dev.mtk.session;

/**
 * The seed's server: acknowledge each message with {@code 我收到了}, then read the client's {@code ok}. (The server
 * logs every message and reply, whatever the behaviour; this one adds a line when a confirmation is missing.)
 */
public final class SeedBehaviour implements Behaviour {
    private static final String STATE = SeedBehaviour.class.getName();

    /** Whether the last acknowledgement still waits for its confirmation: one lookup per message, no map writes. */
    private static final class Awaiting {
        private boolean confirmation;
    }

    @Override
    public void onMessage(ServerSession session, Message message) {
        Awaiting awaiting = (Awaiting) session.attributes().computeIfAbsent(STATE, key -> new Awaiting());
        if (awaiting.confirmation) {
            awaiting.confirmation = false;
            if (session.profile().isConfirmation(message)) {
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
    public void onClose(ServerSession session) {
        if (session.attributes().get(STATE) instanceof Awaiting awaiting && awaiting.confirmation) {
            session.log("closed before confirming the last acknowledgement");
        }
    }
}
