package dev.mtk.bench;

import dev.mtk.internal.InputFiles;
import dev.mtk.payload.NamedPayload;
import dev.mtk.spi.PayloadException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Where each request's body comes from: one fixed body, a {@link BodyTemplate} rendered per request, or the lines of a
 * {@code --bodies} file in turn. Everything that can be checked or encoded is done before the run, so a request
 * costs a copy (fixed, lines) or a few appends (a template whose bodies the codec keeps as typed).
 */
sealed interface RequestSource {
    /** The most lines a {@code --bodies} file may have: the file is held in memory for the run. */
    int MAX_LINES = 1_000_000;

    /** The body of request {@code seq} (1, 2, ... over the run) on connection {@code conn} (1 ..). */
    byte[] body(long seq, int conn, RandomGenerator random);

    /** The first request's body, to check before the run; it takes no turn from the bodies a run sends. */
    default byte[] first() {
        return body(1, 1, new java.util.SplittableRandom(0));
    }

    /** Whether every request has the same body. */
    boolean fixed();

    /** For the report: the body, the template, or the file. */
    String describe();

    /** A body encoded once. */
    record Fixed(byte[] bytes, String describe) implements RequestSource {
        @Override
        public byte[] body(long seq, int conn, RandomGenerator random) {
            return bytes;
        }

        @Override
        public boolean fixed() {
            return true;
        }
    }

    /**
     * A template rendered per request. When the codec keeps every checked sample byte for byte (compact JSON, text),
     * the rendered text is the body ({@code verbatim}); else each body goes through the codec.
     */
    record Templated(BodyTemplate template, NamedPayload codec, boolean verbatim) implements RequestSource {
        @Override
        public byte[] body(long seq, int conn, RandomGenerator random) {
            String text = template.render(seq, conn, random);
            if (verbatim) {
                return text.getBytes(StandardCharsets.UTF_8);
            }
            try {
                return codec.parse(text);
            } catch (PayloadException e) {
                // Every sample parsed before the run; a value outside them that does not is a template mistake.
                throw new IllegalStateException("--body rendered a body the payload refuses: " + e.getMessage(), e);
            }
        }

        @Override
        public boolean fixed() {
            return false;
        }

        @Override
        public String describe() {
            return template.toString();
        }
    }

    /** The lines of a file, each encoded once, handed out in turn over the whole run. */
    record Lines(List<byte[]> bodies, List<Integer> lineNumbers, Path file, AtomicLong next) implements RequestSource {
        @Override
        public byte[] body(long seq, int conn, RandomGenerator random) {
            return bodies.get((int) Math.floorMod(next.getAndIncrement(), (long) bodies.size()));
        }

        @Override
        public byte[] first() {
            return bodies.get(0);
        }

        @Override
        public boolean fixed() {
            return bodies.size() == 1;
        }

        @Override
        public String describe() {
            return bodies.size() + " bodies from " + file;
        }
    }

    /**
     * {@code --body TEXT}: fixed when it has no placeholder, else a template checked against {@code codec} with
     * every {@code ${pick}} choice and both ends of every range.
     *
     * @throws IllegalArgumentException one line naming the placeholder or the codec's complaint
     */
    static RequestSource template(String text, NamedPayload codec) {
        BodyTemplate template = BodyTemplate.parse(text);
        if (template.fixed()) {
            return new Fixed(parse(codec, template.render(0, 0, RandomGenerator.getDefault()), null), text);
        }
        boolean verbatim = true;
        for (String sample : template.samples()) {
            byte[] parsed = parse(codec, sample, sample);
            verbatim &= Arrays.equals(parsed, sample.getBytes(StandardCharsets.UTF_8));
        }
        return new Templated(template, codec, verbatim);
    }

    /** A fixed body of {@code size} bytes the codec accepts. */
    static RequestSource padding(NamedPayload codec, int size) {
        return new Fixed(RequestBodies.of(codec, size), size + " B bodies");
    }

    private static byte[] parse(NamedPayload codec, String text, String sample) {
        try {
            return codec.parse(text);
        } catch (PayloadException | RuntimeException e) {
            throw new IllegalArgumentException("--body" + (sample == null ? "" : " (rendered as " + sample + ")")
                    + " is not valid " + codec.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code --bodies FILE}: one body per line as typed for {@code codec}; blank lines are skipped.
     *
     * @throws IllegalArgumentException one line: the file that cannot be read, or {@code FILE:LINE: reason}
     */
    static RequestSource lines(Path file, NamedPayload codec) {
        String notAFile = InputFiles.notAFile(file);
        if (notAFile != null) {
            throw new IllegalArgumentException("--bodies " + file + ": " + notAFile);
        }
        List<byte[]> bodies = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                if (bodies.size() == MAX_LINES) {
                    throw new IllegalArgumentException(file + ":" + number + ": more than " + MAX_LINES
                            + " bodies; use fewer, or a --body template");
                }
                try {
                    bodies.add(codec.parse(line));
                    lineNumbers.add(number);
                } catch (PayloadException | RuntimeException e) {
                    throw new IllegalArgumentException(file + ":" + number + ": not valid " + codec.name() + ": "
                            + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--bodies " + file + ": cannot read it: " + e.getMessage(), e);
        }
        if (bodies.isEmpty()) {
            throw new IllegalArgumentException("--bodies " + file + ": no body in it (one per line)");
        }
        return new Lines(List.copyOf(bodies), List.copyOf(lineNumbers), file, new AtomicLong());
    }
}
