package dev.mtk.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Whether a file a command writes ({@code bench --hgrm}, {@code proxy --record}, {@code replay --to-groovy}) can be
 * written, asked before the work that fills it starts: a ten-minute benchmark must not end in "no such folder".
 */
final class OutputFile {
    private OutputFile() {
    }

    /**
     * Refuses an output file that cannot be written: one line, {@code mtk: cannot write WHAT FILE: REASON}.
     *
     * @param what what the file is, e.g. {@code --hgrm} or {@code the recording}
     * @return {@code true} when refused (exit {@link Mtk#USAGE}); {@code false} when it can be written
     */
    static boolean refused(Console console, String what, Path file) {
        String problem = problem(file);
        if (problem == null) {
            return false;
        }
        console.err().println(message(what, file, problem));
        return true;
    }

    /** {@code mtk: cannot write WHAT FILE: REASON}, for a check before the work or a write that failed after it. */
    static String message(String what, Path file, String reason) {
        return "mtk: cannot write " + what + " " + file + ": " + reason;
    }

    /** Why {@code file} cannot be written, or {@code null} when it can (as far as can be told before writing). */
    static String problem(Path file) {
        if (Files.isDirectory(file)) {
            return "it is a folder";
        }
        Path parent = parent(file);
        if (!Files.exists(parent)) {
            return "no such folder: " + parent;
        }
        if (!Files.isDirectory(parent)) {
            return "not a folder: " + parent;
        }
        if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(parent)) {
            return "permission denied" + (Files.exists(file) ? "" : " in the folder " + parent);
        }
        return null;
    }

    /** What went wrong with a write that failed all the same, in the words of {@link #problem}. */
    static String reason(Path file, IOException e) {
        String problem = problem(file);
        if (problem != null) {
            return problem;
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The folder as the user wrote it ({@code out} for {@code out/x.hgrm}), or the working folder. */
    private static Path parent(Path file) {
        Path parent = file.getParent();
        return parent != null ? parent : file.toAbsolutePath().getParent();
    }
}
