package dev.mtk.testkit;

import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one session's decoding came to: everything emitted, in order, and the refusal that ended it, if one did. Two
 * ways of feeding one wire image must come to equal outcomes.
 */
final class Outcome {
    /** A frame's body is shown up to this many bytes: enough to tell two apart, short enough for one line. */
    private static final int SHOWN = 24;

    private final List<Object> emitted = new ArrayList<>();
    private FrameException refusal;

    /** Feeds a read unless the decoder already refused; a refusal ends the outcome, as it closes a session. */
    void read(DecoderRun run, byte[] bytes, int from, int to) {
        if (refusal != null) {
            return;
        }
        try {
            run.read(bytes, from, to, emitted);
        } catch (FrameException e) {
            refusal = e;
        }
    }

    List<Object> emitted() {
        return emitted;
    }

    FrameException refusal() {
        return refusal;
    }

    /** Equal emitted values, and either no refusal or one with the same message. */
    boolean sameAs(Outcome other) {
        String mine = refusal == null ? null : refusal.getMessage();
        String theirs = other.refusal == null ? null : other.refusal.getMessage();
        return emitted.equals(other.emitted) && java.util.Objects.equals(mine, theirs);
    }

    /** {@code [Frame[6f 6b, wire 3 B], SkippedBytes[...]] then refused: ...}, bodies in hex so a wrong byte shows. */
    @Override
    public String toString() {
        String list = emitted.stream().map(Outcome::describe).collect(Collectors.joining(", ", "[", "]"));
        return refusal == null ? list : list + " then refused: " + refusal.getMessage();
    }

    static String describe(Object value) {
        if (value instanceof Frame frame) {
            return "Frame[" + hex(frame.body()) + (frame.header().length > 0 ? ", header " + hex(frame.header()) : "")
                    + ", wire " + frame.wireSize() + " B]";
        }
        return String.valueOf(value);
    }

    static String hex(byte[] bytes) {
        if (bytes.length == 0) {
            return "empty";
        }
        HexFormat format = HexFormat.ofDelimiter(" ");
        return bytes.length <= SHOWN ? format.formatHex(bytes)
                : format.formatHex(bytes, 0, SHOWN) + " ... (" + bytes.length + " B)";
    }
}
