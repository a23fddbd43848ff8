package dev.mtk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small Groovy scripts written for a test, one line per argument. */
public final class ScriptFiles {
    private ScriptFiles() {
    }

    /** Writes {@code lines} to {@code dir/name} (UTF-8, a newline after each) and returns the file. */
    public static Path write(Path dir, String name, String... lines) {
        try {
            return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
