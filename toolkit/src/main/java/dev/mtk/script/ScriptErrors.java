package dev.mtk.script;

import org.codehaus.groovy.runtime.powerassert.PowerAssertionError;

/** Where in a script something failed, and what, in the words {@code mtk run} and the server's log use. */
final class ScriptErrors {
    private ScriptErrors() {
    }

    /**
     * {@code FILE:LINE: what happened}, the line being the deepest frame of the script in the causes, and
     * {@code FILE} the script's path as the user gave it.
     */
    static String describe(Throwable failure, ScriptName script) {
        return location(failure, script) + ": " + what(failure);
    }

    /**
     * {@link #describe} on one line: a power assertion's diagram gives its first line, the assertion itself, and
     * the lines under it, which only line up in a terminal, are left out.
     */
    static String oneLine(Throwable failure, ScriptName script) {
        String[] lines = describe(failure, script).split("\\R");
        String first = lines[0].strip();
        for (int i = 1; i < lines.length && first.endsWith(":"); i++) {
            if (!lines[i].isBlank()) {
                return first + " " + lines[i].strip();
            }
        }
        return first;
    }

    /** {@code FILE:LINE}, or just {@code FILE} when no frame of the script is on the stack. */
    static String location(Throwable failure, ScriptName script) {
        int line = -1;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            int found = line(t.getStackTrace(), script);
            line = found > 0 ? found : line;
        }
        return line > 0 ? script.shown() + ":" + line : script.shown();
    }

    /** The line of the first frame of the script on {@code stack}: the innermost, where a thread is now; or -1. */
    static int line(StackTraceElement[] stack, ScriptName script) {
        for (StackTraceElement frame : stack) {
            if (script.fileName().equals(frame.getFileName()) && frame.getLineNumber() > 0) {
                return frame.getLineNumber();
            }
        }
        return -1;
    }

    /**
     * The failure without a stack: an assertion's diagram (or its message), a failure's message, an exception's class
     * and message.
     */
    static String what(Throwable failure) {
        if (failure instanceof PowerAssertionError) {
            return "assertion failed:\n" + failure.getMessage();
        }
        if (failure instanceof AssertionError) {
            // assert condition : 'message' throws a plain AssertionError with the message and the expression
            return "assertion failed: " + failure.getMessage();
        }
        if (failure instanceof ScriptFailure) {
            return failure.getMessage();
        }
        if (failure instanceof dev.mtk.session.SessionException) {
            return failure.getMessage();
        }
        String message = failure.getMessage();
        return failure.getClass().getName() + (message == null ? "" : ": " + message);
    }
}
