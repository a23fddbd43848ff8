package dev.mtk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files a user names on the command line (scripts, recordings, key stores), checked so that the error says what is
 * wrong with the path rather than what the JDK tripped over: {@code Is a directory}, {@code Input length = 1}.
 */
public final class InputFiles {
    /** What {@link #notAFile} says of a path that does not exist. */
    public static final String MISSING = "no such file";

    private InputFiles() {
    }

    /** {@code null} when {@code file} is a regular file; else what it is instead ({@code no such file}, a folder). */
    public static String notAFile(Path file) {
        if (Files.isRegularFile(file)) {
            return null;
        }
        if (Files.isDirectory(file)) {
            return "a folder, not a file";
        }
        return Files.exists(file) ? "not a regular file" : MISSING;
    }

    /**
     * The text of {@code file}, UTF-8.
     *
     * @throws NotTextException when it is not UTF-8 (a binary file), naming the first byte that is not
     */
    public static String readText(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw notText(file);
        }
    }

    /** The error for {@code file}, read as UTF-8 and found not to be: scans it again for the first bad byte. */
    public static NotTextException notText(Path file) throws IOException {
        return new NotTextException(file, firstNonUtf8Byte(file));
    }

    /** The offset of the first byte of {@code file} that is not part of valid UTF-8, or -1 when every byte is. */
    static long firstNonUtf8Byte(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(8192);
        // UTF-8 never decodes to more chars than bytes, so the output never overflows.
        CharBuffer out = CharBuffer.allocate(8192);
        long before = 0;
        try (InputStream stream = Files.newInputStream(file)) {
            while (true) {
                int read = stream.read(in.array(), in.position(), in.remaining());
                boolean end = read < 0;
                if (!end) {
                    in.position(in.position() + read);
                }
                in.flip();
                CoderResult result = decoder.decode(in, out, end);
                if (result.isError()) {
                    return before + in.position();
                }
                if (end) {
                    return -1;
                }
                out.clear();
                before += in.position();
                in.compact();
            }
        }
    }

    /** A file that was to be text is not UTF-8: {@code FILE is not a text file (not UTF-8 at byte N)}. */
    public static final class NotTextException extends IOException {
        private static final long serialVersionUID = 1L;

        NotTextException(Path file, long offset) {
            super(file + " is not a text file (not UTF-8 at byte " + offset + ")");
        }
    }
}
