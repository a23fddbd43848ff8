package dev.mtk.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameException;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.SkippedBytes;
import dev.mtk.testing.Frames;
import dev.mtk.testing.SeededCases;
import java.io.ByteArrayOutputStream;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.DefaultTransportMetadata;
import org.apache.mina.core.session.IoSessionConfig;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.junit.jupiter.api.Test;

/**
 * The {@code headers} decoder against a reference model, on streams of valid frames, garbage and (last, sometimes) a
 * corrupt length, cut into TCP-sized pieces at random. The seeds are fixed, so every run checks the same 100,000
 * streams; a failure is shrunk to a smallest stream and reported with its seed.
 */
class SequenceDecoderPropertyTest {
    private static final byte[] MAGIC = "Headers".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_FRAME = 4096;
    private static final HexFormat HEX = HexFormat.of();

    /** One part of a stream: a frame's body, garbage, or a header whose length is out of bounds. */
    sealed interface Part permits Body, Garbage, BadLength {
        byte[] bytes();
    }

    record Body(byte[] body) implements Part {
        @Override
        public byte[] bytes() {
            return Frames.headers(body.length, body);
        }

        @Override
        public String toString() {
            return "Body[" + body.length + " B]";
        }
    }

    record Garbage(byte[] bytes) implements Part {
        @Override
        public String toString() {
            return "Garbage" + Arrays.toString(bytes);
        }
    }

    record BadLength(int length) implements Part {
        @Override
        public byte[] bytes() {
            return Frames.headers(length, new byte[0]);
        }
    }

    /** A stream and the sizes of the reads it arrives in (used in turn, again and again). */
    record Case(List<Part> parts, List<Integer> pieces) {
    }

    @Test
    void yieldsWhatTheModelSaysWhereverTheStreamIsCut() {
        new SeededCases<>(20261125L, 100_000, SequenceDecoderPropertyTest::generate, SequenceDecoderPropertyTest::shrink)
                .check(test -> {
                    Decoded decoded = decode(test, false);
                    Model expected = Model.of(test.parts());
                    assertThat(decoded.units()).isEqualTo(expected.units());
                    assertThat(decoded.refused()).as("refused").isEqualTo(expected.refused());
                });
    }

    @Test
    void strictRefusesAnyGarbageAndYieldsTheFramesBeforeIt() {
        new SeededCases<>(20261126L, 20_000, SequenceDecoderPropertyTest::generate, SequenceDecoderPropertyTest::shrink)
                .check(test -> {
                    Decoded decoded = decode(test, true);
                    List<String> before = new ArrayList<>();
                    boolean bad = false;
                    for (Part part : test.parts()) {
                        if (!(part instanceof Body body)) {
                            bad = true;
                            break;
                        }
                        before.add(Model.frame(body));
                    }
                    assertThat(decoded.units()).isEqualTo(before);
                    assertThat(decoded.refused()).as("refused").isEqualTo(bad);
                });
    }

    /** What came out, in order, and whether the decoder refused the stream. */
    private record Decoded(List<String> units, boolean refused) {
    }

    private static Decoded decode(Case test, boolean strict) throws Exception {
        SequenceDecoder decoder = SequenceDecoder.builder()
                .frame(LengthFieldFormat.HEADERS, new FrameLimits(MAX_FRAME, strict)).build();
        ProtocolCodecSession session = new ProtocolCodecSession();
        session.setTransportMetadata(new DefaultTransportMetadata("mtk", "test", false, true, SocketAddress.class,
                IoSessionConfig.class, Object.class));
        byte[] stream = join(test.parts());
        List<String> units = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < stream.length; i++) {
            int end = Math.min(stream.length, at + test.pieces().get(i % test.pieces().size()));
            try {
                decoder.decode(session, IoBuffer.wrap(Arrays.copyOfRange(stream, at, end)), session.getDecoderOutput());
            } catch (FrameException e) {
                // As MINA's codec filter does: what was decoded before the refusal is still delivered.
                units.addAll(describe(session));
                return new Decoded(units, true);
            }
            units.addAll(describe(session));
            at = end;
        }
        return new Decoded(units, false);
    }

    private static List<String> describe(ProtocolCodecSession session) {
        List<String> units = new ArrayList<>();
        for (Object unit; (unit = session.getDecoderOutputQueue().poll()) != null;) {
            units.add(unit instanceof Frame frame ? frame(frame) : "skipped " + ((SkippedBytes) unit).count());
        }
        return units;
    }

    /**
     * A decoded frame as the model states it: every byte of its body and of any header it kept, and its size on the
     * wire. A body reduced to its length let a wrong byte or a wrong {@code wireSize} pass.
     */
    private static String frame(Frame frame) {
        return "frame body " + HEX.formatHex(frame.body()) + " header " + HEX.formatHex(frame.header()) + " wire "
                + frame.wireSize();
    }

    /** Skipped garbage (reported once a magic follows it), then each frame, until a bad length. */
    private record Model(List<String> units, boolean refused) {
        static Model of(List<Part> parts) {
            List<String> units = new ArrayList<>();
            long garbage = 0;
            for (Part part : parts) {
                if (part instanceof Garbage g) {
                    garbage += g.bytes().length;
                    continue;
                }
                if (garbage > 0) {
                    units.add("skipped " + garbage);
                    garbage = 0;
                }
                if (part instanceof BadLength) {
                    return new Model(units, true);
                }
                units.add(frame((Body) part));
            }
            return new Model(units, false);
        }

        /** What the decoder must yield for {@code body}: its bytes, no header (headers keeps none), and all its bytes. */
        static String frame(Body body) {
            return "frame body " + HEX.formatHex(body.body()) + " header  wire " + body.bytes().length;
        }
    }

    private static Case generate(Random random) {
        List<Part> parts = new ArrayList<>();
        int count = random.nextInt(11);
        for (int i = 0; i < count; i++) {
            parts.add(random.nextInt(5) == 0 ? garbage(random) : new Body(bytes(random, random.nextInt(301))));
        }
        if (random.nextInt(4) == 0) {
            parts.add(new BadLength(random.nextBoolean() ? -1 - random.nextInt(Integer.MAX_VALUE)
                    : MAX_FRAME + 1 + random.nextInt(Integer.MAX_VALUE - MAX_FRAME - 1)));
        }
        List<Integer> pieces = new ArrayList<>();
        int pieceCount = 1 + random.nextInt(8);
        for (int i = 0; i < pieceCount; i++) {
            pieces.add(random.nextBoolean() ? 1 + random.nextInt(16) : 1 + random.nextInt(1500));
        }
        return new Case(parts, pieces);
    }

    /** Garbage: 1 to 40 random bytes without the magic in them (skipping is only defined up to a magic). */
    private static Garbage garbage(Random random) {
        byte[] bytes;
        do {
            bytes = bytes(random, 1 + random.nextInt(40));
        } while (indexOf(bytes, MAGIC) >= 0);
        return new Garbage(bytes);
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        // Now and then a byte of the magic, so partial magics appear in bodies and garbage.
        for (int i = 0; i < length; i++) {
            if (random.nextInt(8) == 0) {
                bytes[i] = MAGIC[random.nextInt(MAGIC.length)];
            }
        }
        return bytes;
    }

    /** Fewer parts, smaller bodies and garbage, fewer and smaller reads. */
    private static List<Case> shrink(Case test) {
        List<Case> smaller = new ArrayList<>();
        List<Part> parts = test.parts();
        for (int i = 0; i < parts.size(); i++) {
            List<Part> without = new ArrayList<>(parts);
            without.remove(i);
            smaller.add(new Case(without, test.pieces()));
        }
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            Part half = part instanceof Body body && body.body().length > 0
                    ? new Body(Arrays.copyOf(body.body(), body.body().length / 2))
                    : part instanceof Garbage g && g.bytes().length > 1 ? new Garbage(Arrays.copyOf(g.bytes(), g.bytes().length / 2))
                    : null;
            if (half != null) {
                List<Part> changed = new ArrayList<>(parts);
                changed.set(i, half);
                smaller.add(new Case(changed, test.pieces()));
            }
        }
        List<Integer> pieces = test.pieces();
        for (int i = 0; i < pieces.size() && pieces.size() > 1; i++) {
            List<Integer> without = new ArrayList<>(pieces);
            without.remove(i);
            smaller.add(new Case(parts, without));
        }
        for (int i = 0; i < pieces.size(); i++) {
            if (pieces.get(i) > 1) {
                List<Integer> changed = new ArrayList<>(pieces);
                changed.set(i, pieces.get(i) / 2);
                smaller.add(new Case(parts, changed));
            }
        }
        return smaller;
    }

    private static byte[] join(List<Part> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(part -> out.writeBytes(part.bytes()));
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
