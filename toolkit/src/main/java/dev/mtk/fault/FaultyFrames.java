package dev.mtk.fault;

import dev.mtk.session.Profile;
import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Framing;
import dev.mtk.spi.HeaderField;
import dev.mtk.wire.LengthFieldFormat;
import dev.mtk.wire.LengthFieldFraming;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of frames that are wrong on purpose, for a profile's framing: a length field that lies, the largest length
 * the field can hold, a frame cut in pieces or in half. What a server does with them is the test.
 *
 * <pre>
 * headers, body {"n":1}, withLength(body, 100):
 * +-----------------------------+-------------+----------------------+
 * | 48 65 61 64 65 72 73        | 00 00 00 64 | 7b 22 6e 22 3a 31 7d |   the field says 100, 7 bytes follow
 * +-----------------------------+-------------+----------------------+
 * withLength(body, -1): the field is ff ff ff ff
 * </pre>
 */
public final class FaultyFrames {
    private final Profile profile;
    private final Framing framing;

    public FaultyFrames(Profile profile) {
        this.profile = profile;
        this.framing = profile.framing().create(FrameLimits.DEFAULT);
    }

    /** {@code body} framed as the profile frames it: the frame to cut or corrupt. */
    public byte[] frame(byte[] body) {
        return profile.encode(new Frame(body));
    }

    /**
     * {@code body} behind a header whose length field announces {@code announced} body bytes: fewer or more than
     * there are, negative, or past any max-frame. The value is written in the field's width, two's complement and
     * cut to the width (so -1 in a 2-byte field is {@code ff ff}, which an unsigned field reads as 65535). In
     * whole-frame mode ({@code strip=none}) {@code body} is the whole frame, whose length field is overwritten.
     *
     * @throws IllegalArgumentException when the framing has no length field (varint, a plugin's)
     */
    public byte[] withLength(byte[] body, long announced) {
        LengthFieldFormat format = format("a frame with a chosen length");
        return withField(format, body, format.fieldValue(announced));
    }

    /**
     * {@code body} behind the largest length the field can hold: 255, 65535, 2^24 - 1, 2147483647, or 2^63 - 1, above any
     * max-frame a server can have.
     *
     * @throws IllegalArgumentException when the framing has no length field
     */
    public byte[] withLargestLength(byte[] body) {
        LengthFieldFormat format = format("an oversize length");
        return withField(format, body, format.largestFieldValue());
    }

    /** The first half of {@code frame} (rounded down, at least one byte). */
    public static byte[] half(byte[] frame) {
        return Arrays.copyOf(frame, Math.max(1, frame.length / 2));
    }

    /**
     * {@code bytes} cut before each of {@code offsets}: {@code split(13 bytes, 3, 7)} gives pieces of 3, 4 and 6.
     *
     * @throws IllegalArgumentException when the offsets are not increasing or not inside the bytes
     */
    public static List<byte[]> split(byte[] bytes, int... offsets) {
        List<byte[]> pieces = new ArrayList<>();
        int from = 0;
        for (int offset : offsets) {
            if (offset <= from || offset >= bytes.length) {
                throw new IllegalArgumentException("split offsets must be increasing and inside the " + bytes.length
                        + " bytes (1 to " + (bytes.length - 1) + "): " + Arrays.toString(offsets));
            }
            pieces.add(Arrays.copyOfRange(bytes, from, offset));
            from = offset;
        }
        pieces.add(Arrays.copyOfRange(bytes, from, bytes.length));
        return pieces;
    }

    private LengthFieldFormat format(String what) {
        if (framing instanceof LengthFieldFraming lengthField) {
            return lengthField.format();
        }
        throw new IllegalArgumentException(what + " needs a length-field framing (headers, length-field), not "
                + profile.framing());
    }

    private static byte[] withField(LengthFieldFormat format, byte[] body, long value) {
        byte[] frame;
        if (format.wholeFrame()) {
            if (body.length < format.headerLength()) {
                throw new IllegalArgumentException("a whole frame needs at least its " + format.headerLength()
                        + "-byte header, got " + body.length + " bytes");
            }
            frame = body.clone();
        } else {
            frame = new byte[format.frameLength(body.length)];
            byte[] magic = format.magic();
            System.arraycopy(magic, 0, frame, 0, magic.length);
            System.arraycopy(body, 0, frame, format.headerLength(), body.length);
            byte[] trailer = format.trailer();
            System.arraycopy(trailer, 0, frame, format.headerLength() + body.length, trailer.length);
        }
        // Cut to the width first: a fault may announce what no field holds (-1, 2^40), which HeaderField refuses.
        int width = format.lengthWidth();
        HeaderField length = new HeaderField("length", format.lengthOffset(), width, format.order());
        length.write(frame, width == 8 ? value : value & ((1L << (8 * width)) - 1));
        return frame;
    }
}
