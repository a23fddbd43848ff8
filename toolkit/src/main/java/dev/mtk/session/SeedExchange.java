package dev.mtk.session;

import dev.mtk.spi.Conversation;

/**
 * The seed's exchange as the server keeps it, whatever the handler: a message, the server's acknowledgement
 * {@code 我收到了}, the client's confirmation {@code ok}. The acknowledgement and the confirmation belong to this
 * exchange, not to the SPI, so handlers never see a confirmation: the server consumes it here, and logs the lines the
 * seed's server logs when one is missing.
 *
 * <p>Under {@code reply} and {@code oneway} none of this applies: an {@code "ok"} body is a message like any other.
 */
public final class SeedExchange {
    private SeedExchange() {
    }

    /**
     * Sends the seed's acknowledgement on {@code session}, which then awaits its confirmation: what the built-in
     * {@code seed} handler and scripts' {@code acknowledge()} do. Plugins cannot: the SPI does not know the seed.
     *
     * @return bytes on the wire
     * @throws IllegalStateException for a session that is not one of mtk's server sessions
     */
    public static int acknowledge(Conversation session) {
        if (!(session instanceof ServerSession server)) {
            throw new IllegalStateException("only mtk's server sessions send the seed's acknowledgement, not a "
                    + session.getClass().getName());
        }
        return server.acknowledge();
    }

    /**
     * Whether the server keeps {@code message} from the handler, logging why: a confirmation (the exchange's last
     * step, not a request), or unframed bytes where the confirmation was due. Called only under the seed's exchange,
     * after the message was logged.
     *
     * @param confirmation whether {@code message} is the client's confirmation, as the profile writes it
     */
    static boolean consumes(ServerSession session, Message message, boolean confirmation) {
        boolean awaited = session.confirmationAwaited(false);
        if (confirmation) {
            return true;
        }
        if (awaited && !message.framed()) {
            session.log("expected confirmation \"" + Profile.CONFIRMATION + "\", got: " + message.render());
            return true;
        }
        if (awaited) {
            session.log("no confirmation before the next message");
        }
        return false;
    }

    /** Logs that {@code session} closed with its last acknowledgement unconfirmed, if it did. */
    static void closing(ServerSession session) {
        if (session.confirmationAwaited(false)) {
            session.log("closed before confirming the last acknowledgement");
        }
    }
}
