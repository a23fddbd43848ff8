package dev.mtk.testkit;

import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameException;
import dev.mtk.spi.Framing;
import dev.mtk.spi.Outbound;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;

/**
 * Drives a {@link Framing}'s decoder and encoder as mtk would, with no network: bytes fed in reads of any size to one
 * session, what the decoder emits for them ({@link Frame}s, {@link dev.mtk.spi.SkippedBytes}) in order, and its
 * refusals as the {@link FrameException} it threw.
 *
 * <p>Like mtk, the harness asks the framing for its decoder and its encoder once and uses them for every session it
 * decodes: {@link #feed} reads into the harness's own session, the checks each start sessions of their own.
 *
 * <pre>{@code
 * FramingHarness harness = FramingHarness.of(new VarintFramingProvider().create(Options.none()));
 *
 * // one read, then a frame cut in two reads
 * assertEquals(List.of(new Frame(utf8("ok"), 3)), harness.feed(hex("02 6f 6b")));
 * assertEquals(List.of(), harness.feed(hex("02 6f")));
 * assertEquals(List.of(new Frame(utf8("ok"), 3)), harness.feed(hex("6b")));
 *
 * // every 2-way split and byte by byte decode alike; the outcome of one read is returned
 * List<Object> frames = harness.decodeEverySplit(wireImage);
 *
 * // body -> encoder -> decoder: the body, the wire size and frameLength agree
 * Frame decoded = harness.roundTrip(utf8("hello"));
 *
 * // two sessions interleaved through one decoder give what each gives alone
 * harness.assertStatePerSession(wireImage, otherWireImage);
 * }</pre>
 *
 * <p>Checks fail with an {@link AssertionError} whose message says what differed, under any test framework. Not
 * thread-safe: drive a harness from one thread.
 *
 * @since 1.0
 */
public final class FramingHarness {
    private final Framing framing;
    private final ProtocolDecoder decoder;
    private final ProtocolEncoder encoder;
    private final DecoderRun session;

    private FramingHarness(Framing framing) {
        this.framing = framing;
        this.decoder = Objects.requireNonNull(framing.decoder(), "the framing's decoder()");
        this.encoder = Objects.requireNonNull(framing.encoder(), "the framing's encoder()");
        this.session = new DecoderRun(decoder);
    }

    /** A harness over {@code framing}, with a session of its own that {@link #feed} reads into. */
    public static FramingHarness of(Framing framing) {
        return new FramingHarness(Objects.requireNonNull(framing, "framing"));
    }

    /**
     * Feeds each of {@code reads} to the harness's session as one read, in order, and returns what the decoder
     * emitted for them, in order. What an earlier call left incomplete is completed by later bytes, as on a
     * connection.
     *
     * @throws FrameException as the decoder refused; what it emitted before in the same call is not returned (feed
     *                        it in an earlier call to see it, or use {@link #decodeEverySplit}, which shows both)
     */
    public List<Object> feed(byte[]... reads) throws FrameException {
        List<Object> out = new ArrayList<>();
        for (byte[] read : reads) {
            out.addAll(session.read(read, 0, read.length));
        }
        return out;
    }

    /**
     * Feeds {@code stream} to the harness's session cut at {@code cuts} (ascending offsets into it), one read per
     * piece, and returns what the decoder emitted.
     *
     * @throws FrameException as the decoder refused
     */
    public List<Object> feedSplit(byte[] stream, int... cuts) throws FrameException {
        List<Object> out = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            if (cut < from || cut > stream.length) {
                throw new IllegalArgumentException("cuts must ascend within the stream's " + stream.length
                        + " bytes: " + Arrays.toString(cuts));
            }
            out.addAll(session.read(stream, from, cut));
            from = cut;
        }
        out.addAll(session.read(stream, from, stream.length));
        return out;
    }

    /**
     * Feeds the reads like {@link #feed} and returns the frames, failing when the decoder emitted anything else
     * (skipped bytes, say).
     *
     * @throws FrameException as the decoder refused
     */
    public List<Frame> frames(byte[]... reads) throws FrameException {
        List<Object> out = feed(reads);
        List<Frame> frames = new ArrayList<>();
        for (Object value : out) {
            if (!(value instanceof Frame frame)) {
                throw new AssertionError("expected only frames, but the decoder also emitted " + Outcome.describe(value)
                        + ": " + describe(out));
            }
            frames.add(frame);
        }
        return frames;
    }

    /**
     * Decodes {@code wire} in one read, then cut in two at every offset, then byte by byte, each in a new session,
     * and fails naming the first way of cutting it that gives a different outcome (what was emitted, and the refusal
     * if any). A decoder must not care how TCP cuts the stream. The cost grows with the square of the image's length:
     * keep images to a few kilobytes.
     *
     * @return what one read emitted, in order
     * @throws FrameException the decoder's refusal of the image, once every way of cutting it refused it alike
     * @throws AssertionError naming the split that differs, with both outcomes
     */
    public List<Object> decodeEverySplit(byte[] wire) throws FrameException {
        Outcome whole = decodeCut(wire);
        for (int cut = 1; cut < wire.length; cut++) {
            Outcome split = decodeCut(wire, cut);
            if (!split.sameAs(whole)) {
                throw new AssertionError("split at byte " + cut + " of " + wire.length + " (reads of " + cut + " and "
                        + (wire.length - cut) + " bytes) decodes to " + split + ", but one read decodes to " + whole);
            }
        }
        Outcome bytes = decodeByteByByte(wire);
        if (!bytes.sameAs(whole)) {
            throw new AssertionError("byte by byte (" + wire.length + " reads of 1 byte) decodes to " + bytes
                    + ", but one read decodes to " + whole);
        }
        if (whole.refusal() != null) {
            throw whole.refusal();
        }
        return List.copyOf(whole.emitted());
    }

    /**
     * The wire bytes the framing's encoder writes for {@code outbound}: a {@link Frame} framed, a
     * {@link dev.mtk.spi.RawBytes} as it is.
     *
     * @throws AssertionError when the encoder threw a checked exception or wrote something other than bytes; an
     *                        unchecked one (a refusal such as {@link IllegalArgumentException}) is thrown as it is
     */
    public byte[] encode(Outbound outbound) {
        ProtocolCodecSession scratch = new ProtocolCodecSession();
        try {
            encoder.encode(scratch, outbound, scratch.getEncoderOutput());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("the encoder threw " + e + " for " + Outcome.describe(outbound), e);
        }
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (Object part : scratch.getEncoderOutputQueue()) {
            if (!(part instanceof IoBuffer buffer)) {
                throw new AssertionError("the encoder wrote a " + part.getClass().getName() + ", not an IoBuffer");
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            wire.writeBytes(chunk);
        }
        return wire.toByteArray();
    }

    /**
     * Frames {@code body}, encodes it and decodes the wire bytes in one read in a new session, and checks that one
     * frame came back with the same body, a wire size equal to the bytes written, and that
     * {@link Framing#frameLength} agreed.
     *
     * @return the decoded frame
     * @throws FrameException when the decoder refused what the encoder wrote
     */
    public Frame roundTrip(byte[] body) throws FrameException {
        return roundTrip(body, Map.of());
    }

    /**
     * Like {@link #roundTrip(byte[])} for a frame whose named header fields are set to {@code header}
     * ({@link Framing#frame(byte[], Map)}), also checking that the decoded frame's fields read back the same values.
     *
     * @throws FrameException when the decoder refused what the encoder wrote
     */
    public Frame roundTrip(byte[] body, Map<String, ?> header) throws FrameException {
        byte[] wire = encode(framing.frame(body.clone(), header));
        int expected = framing.frameLength(body.length);
        if (wire.length != expected) {
            throw new AssertionError("frameLength(" + body.length + ") says " + expected
                    + " bytes on the wire, but the encoder wrote " + wire.length + ": " + Outcome.hex(wire));
        }
        Frame decoded = decodeOne(wire);
        if (!Arrays.equals(decoded.body(), body)) {
            throw new AssertionError("the body " + Outcome.hex(body) + " came back as " + Outcome.hex(decoded.body())
                    + " (wire " + Outcome.hex(wire) + ")");
        }
        if (decoded.wireSize() != wire.length) {
            throw new AssertionError("the decoded frame says wire size " + decoded.wireSize() + ", but the encoder"
                    + " wrote " + wire.length + " bytes: " + Outcome.hex(wire));
        }
        Map<String, Long> fields = framing.fields().read(decoded);
        for (Map.Entry<String, ?> field : header.entrySet()) {
            Long read = fields.get(field.getKey());
            if (read == null || !read.equals(number(field.getValue()))) {
                throw new AssertionError("header field " + field.getKey() + " was set to " + field.getValue()
                        + " but reads back as " + read + " (fields " + fields + ", wire " + Outcome.hex(wire) + ")");
            }
        }
        return decoded;
    }

    /**
     * Decodes what the encoder wrote for one frame, in one read in a new session, and fails unless it is one frame.
     *
     * @throws FrameException when the decoder refuses it
     */
    Frame decodeOne(byte[] wire) throws FrameException {
        List<Object> out = new DecoderRun(decoder).read(wire, 0, wire.length);
        if (out.size() != 1 || !(out.get(0) instanceof Frame decoded)) {
            throw new AssertionError("the encoder wrote " + Outcome.hex(wire) + " for one frame, which decodes to "
                    + describe(out) + ", not one frame");
        }
        return decoded;
    }

    Framing framing() {
        return framing;
    }

    /** A field value as {@link dev.mtk.spi.HeaderFields#read} gives it back: numbers and decimal or 0x text. */
    private static Long number(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        String text = String.valueOf(value).trim();
        try {
            return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Checks that the decoder keeps its state per session: {@code wire} fed to two sessions of the one decoder, a
     * byte to each in turn, must give each what it gives alone, byte by byte.
     *
     * @throws AssertionError saying the decoder keeps state outside its sessions, with both outcomes
     */
    public void assertStatePerSession(byte[] wire) {
        assertStatePerSession(wire, wire);
    }

    /**
     * Checks that the decoder keeps its state per session: {@code first} and {@code second} fed to two sessions of
     * the one decoder, a byte to each in turn, must give each session what its bytes give alone, byte by byte. mtk
     * has one decoder serve every session of a server; a decoder that keeps a partial frame in a field mixes them.
     *
     * @throws AssertionError saying the decoder keeps state outside its sessions, with both outcomes
     */
    public void assertStatePerSession(byte[] first, byte[] second) {
        Outcome firstAlone = decodeByteByByte(first);
        Outcome secondAlone = decodeByteByByte(second);
        DecoderRun one = new DecoderRun(decoder);
        DecoderRun two = new DecoderRun(decoder);
        Outcome firstMixed = new Outcome();
        Outcome secondMixed = new Outcome();
        for (int i = 0; i < Math.max(first.length, second.length); i++) {
            if (i < first.length) {
                firstMixed.read(one, first, i, i + 1);
            }
            if (i < second.length) {
                secondMixed.read(two, second, i, i + 1);
            }
        }
        String why = "; the decoder keeps state outside its sessions (in a field?), but one decoder serves every"
                + " session: keep a partial frame in session attributes, as CumulativeProtocolDecoder does";
        if (!firstMixed.sameAs(firstAlone)) {
            throw new AssertionError("interleaved byte by byte with a second session, the first session decodes to "
                    + firstMixed + ", but alone to " + firstAlone + why);
        }
        if (!secondMixed.sameAs(secondAlone)) {
            throw new AssertionError("interleaved byte by byte with a first session, the second session decodes to "
                    + secondMixed + ", but alone to " + secondAlone + why);
        }
    }

    /** {@code wire} in a new session, cut at {@code cuts}; one read when there are none. */
    private Outcome decodeCut(byte[] wire, int... cuts) {
        DecoderRun run = new DecoderRun(decoder);
        Outcome outcome = new Outcome();
        int from = 0;
        for (int cut : cuts) {
            outcome.read(run, wire, from, cut);
            from = cut;
        }
        outcome.read(run, wire, from, wire.length);
        return outcome;
    }

    private Outcome decodeByteByByte(byte[] wire) {
        DecoderRun run = new DecoderRun(decoder);
        Outcome outcome = new Outcome();
        for (int i = 0; i < wire.length; i++) {
            outcome.read(run, wire, i, i + 1);
        }
        return outcome;
    }

    private static String describe(List<Object> out) {
        return out.stream().map(Outcome::describe).toList().toString();
    }
}
