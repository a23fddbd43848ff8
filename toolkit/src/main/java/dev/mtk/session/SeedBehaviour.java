package dev.mtk.session;

/**
 * The seed's server: log each message, acknowledge it with {@code 我收到了}, then read and log the client's
 * {@code ok}.
 */
public final class SeedBehaviour implements Behaviour {
    private static final String STATE = SeedBehaviour.class.getName();

    /** Whether the last acknowledgement still waits for its confirmation: one lookup per message, no map writes. */
    private static final class Awaiting {
        private boolean confirmation;
    }

    @Override
    public void onMessage(ServerSession session, Message message) {
        boolean log = session.logEnabled();
        Awaiting awaiting = (Awaiting) session.attributes().computeIfAbsent(STATE, key -> new Awaiting());
        if (awaiting.confirmation) {
            awaiting.confirmation = false;
            if (session.profile().isConfirmation(message)) {
                if (log) {
                    session.log("confirmed: " + message.render() + " " + message.sizes());
                }
                return;
            }
            if (!message.framed()) {
                session.log("expected confirmation \"" + Profile.CONFIRMATION + "\", got: " + message.render());
                return;
            }
            session.log("no confirmation before the next message");
        }
        if (log) {
            session.log("received " + message.sizes() + ": " + message.render());
        }
        int sent = session.acknowledge();
        awaiting.confirmation = true;
        if (log) {
            session.log("acknowledged: " + session.profile().render(session.profile().acknowledgement()) + " " + sent + " B");
        }
    }

    @Override
    public void onClose(ServerSession session) {
        if (session.attributes().get(STATE) instanceof Awaiting awaiting && awaiting.confirmation) {
            session.log("closed before confirming the last acknowledgement");
        }
    }
}
