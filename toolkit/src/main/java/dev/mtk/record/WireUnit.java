package dev.mtk.record;

import dev.mtk.session.Profile;

/**
 * One piece of a byte stream as a decoder cut it: a frame, an unframed unit, skipped garbage, bytes that are no unit
 * (after the decoder gave up, or left over at the end), or the decoder's refusal.
 *
 * @param kind   what it is
 * @param wire   the exact bytes it took on the wire; {@code null} when the framing does not tell (a plugin decoder that
 *               reports no wire size), empty for {@link Kind#UNDECODABLE}
 * @param body   the body of a frame or unframed unit; the bytes themselves for garbage and loose bytes
 * @param reason why the decoder refused the stream, for {@link Kind#UNDECODABLE}; {@code null} otherwise
 */
public record WireUnit(Kind kind, byte[] wire, byte[] body, String reason) {

    public enum Kind {
        /** A framed message. */
        FRAME,
        /** Unframed bytes the sequence expects, such as the {@code seed} profile's {@code ok}. */
        RAW,
        /** Bytes skipped before a magic. */
        GARBAGE,
        /** Bytes that are no unit: after the decoder refused the stream, or an incomplete frame at the end. */
        BYTES,
        /** The decoder refused the stream; everything after comes as {@link #BYTES}. */
        UNDECODABLE
    }

    static WireUnit frame(byte[] wire, byte[] body) {
        return new WireUnit(Kind.FRAME, wire, body, null);
    }

    static WireUnit raw(byte[] bytes) {
        return new WireUnit(Kind.RAW, bytes, bytes, null);
    }

    static WireUnit garbage(byte[] bytes) {
        return new WireUnit(Kind.GARBAGE, bytes, bytes, null);
    }

    static WireUnit bytes(byte[] bytes) {
        return new WireUnit(Kind.BYTES, bytes, bytes, null);
    }

    static WireUnit undecodable(String reason) {
        return new WireUnit(Kind.UNDECODABLE, new byte[0], new byte[0], reason);
    }

    /** Bytes on the wire: the exact count when known, else the body's. */
    public int size() {
        return wire != null ? wire.length : body.length;
    }

    /** The key {@code profile}'s correlation reads in this frame; {@code null} for none, or for anything else. */
    public String key(Profile profile) {
        return kind == Kind.FRAME ? RecordedBody.key(profile, wire, body) : null;
    }

    /** A frame or an unframed unit: what a peer's decoder hands on as a message. */
    public boolean isMessage() {
        return kind == Kind.FRAME || kind == Kind.RAW;
    }
}
