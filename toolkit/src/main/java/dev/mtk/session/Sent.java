package dev.mtk.session;

/**
 * What one send put on the wire.
 *
 * @param bodySize bytes of the body (the whole unit for unframed bytes)
 * @param wireSize bytes on the wire, header included
 */
public record Sent(int bodySize, int wireSize) {
}
