package dev.mtk.session;

/**
 * The seed's exchange, done: the message sent, the server's acknowledgement, and the confirmation sent back.
 *
 * @param sent            the message
 * @param acknowledgement what the server answered
 * @param confirmation    the {@code ok} sent back
 */
public record Exchange(Sent sent, Message acknowledgement, Sent confirmation) {
}
