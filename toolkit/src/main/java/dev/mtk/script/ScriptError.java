package dev.mtk.script;

/**
 * A script that could not be compiled or did not complete: the report ({@code FILE:LINE:COLUMN: message} for a
 * compile error, {@code FILE:LINE: what happened} otherwise) and the exit code for it.
 */
public final class ScriptError extends Exception {
    private static final long serialVersionUID = 1L;

    /** The script does not compile, or its file cannot be read: a usage error. */
    public static final int USAGE = 2;
    /** An assertion, an expectation or the script itself failed. */
    public static final int FAILED = 1;

    private final int exitCode;

    ScriptError(String report, int exitCode, Throwable cause) {
        super(report, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
