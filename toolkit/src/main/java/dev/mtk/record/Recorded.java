package dev.mtk.record;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mtk.session.Profile;
import dev.mtk.spi.Frame;
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;

/** One line of a recording after the header: something that happened on one proxied connection. */
public sealed interface Recorded permits Recorded.Open, Recorded.Unit, Recorded.Undecodable, Recorded.Close {

    /** Milliseconds since the recording started. */
    double ms();

    /** The connection's number, from 1 in the order clients connected. */
    long conn();

    /** A client connected. */
    record Open(double ms, long conn, String client) implements Recorded {
    }

    /**
     * A frame, unframed unit, garbage or loose bytes, in one direction.
     *
     * @param framing the framing's name for a frame, {@code none} for an unframed unit, {@code null} otherwise
     * @param payload the payload codec's name for a frame or unframed unit, {@code null} otherwise
     * @param size    bytes on the wire
     * @param json    the body as its payload codec reads it, when that is JSON; {@code null} otherwise
     * @param bytes   the body (or the garbage, or the loose bytes) when {@code json} does not give them back exactly
     * @param wire    the whole frame as sent, only when its header is not what the framing writes for the body
     */
    record Unit(double ms, long conn, Direction dir, WireUnit.Kind kind, String framing, String payload, int size,
            JsonNode json, byte[] bytes, byte[] wire) implements Recorded {

        /** A frame or an unframed unit: something a peer's decoder hands on as a message. */
        public boolean isMessage() {
            return kind == WireUnit.Kind.FRAME || kind == WireUnit.Kind.RAW;
        }

        /**
         * The body's bytes: {@code bytes} when recorded, else {@code json} written by the payload codec.
         *
         * @throws PayloadException when the codec cannot write the recorded value
         */
        public byte[] body(PayloadCodec codec) throws PayloadException {
            if (bytes != null) {
                return bytes;
            }
            return kind == WireUnit.Kind.RAW ? RecordedBody.rawBytes(json) : RecordedBody.encode(codec, json);
        }

        /**
         * The key that pairs this frame with its request or reply under {@code profile}'s correlation; {@code null}
         * for no correlation, an unframed unit, or a frame without the key.
         */
        public String key(Profile profile) {
            if (kind != WireUnit.Kind.FRAME) {
                return null;
            }
            try {
                return RecordedBody.key(profile, wire, body(profile.payload()));
            } catch (PayloadException e) {
                return null;
            }
        }

        /** The exact bytes to send: {@code wire} when recorded, else the body as the profile frames it. */
        public byte[] wire(Profile profile) throws PayloadException {
            if (wire != null) {
                return wire;
            }
            byte[] body = body(profile.payload());
            return kind == WireUnit.Kind.FRAME ? profile.encode(new Frame(body)) : body;
        }
    }

    /** The decoder refused one direction of the connection; later bytes that way are recorded as loose bytes. */
    record Undecodable(double ms, long conn, Direction dir, String reason) implements Recorded {
    }

    /**
     * The connection ended.
     *
     * @param by     who closed first: {@code client}, {@code server}, or {@code proxy} (it could not reach the target,
     *               or it stopped)
     * @param reason why the proxy closed it; {@code null} when a peer did
     */
    record Close(double ms, long conn, String by, String reason) implements Recorded {
    }
}
