package dev.mtk.script;

import dev.mtk.session.ConnectFailedException;
import dev.mtk.session.ReceiveTimeoutException;
import dev.mtk.session.SessionClosedException;

/**
 * Why a step or an iteration of a scenario failed, as a load report counts it: a timed-out wait and a failed
 * assertion call for different fixes, so they are counted apart.
 */
public enum FailureKind {
    /** A {@code receive}, {@code request}, {@code expect} or {@code exchange} waited its whole timeout. */
    TIMEOUT("timeout"),
    /** The session closed while the script still waited on it. */
    CLOSED("closed"),
    /** A connection could not be opened. */
    CONNECT("connect"),
    /** An {@code assert}, or an {@code expect} (or checked {@code request}) that got something else. */
    ASSERTION("assertion"),
    /** The user's thread was interrupted: the run ended and the iteration outlived its grace period. */
    INTERRUPTED("interrupted"),
    /** Anything else the script threw. */
    FAILED("failed");

    private final String label;

    FailureKind(String label) {
        this.label = label;
    }

    /** As reports name it. */
    public String label() {
        return label;
    }

    /** The kind of {@code failure}, read from it and its causes: the first that tells wins. */
    public static FailureKind of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ScriptFailure script && script.kind() != FAILED) {
                return script.kind();
            }
            if (t instanceof ReceiveTimeoutException) {
                return TIMEOUT;
            }
            if (t instanceof SessionClosedException) {
                return CLOSED;
            }
            if (t instanceof ConnectFailedException) {
                return CONNECT;
            }
            if (t instanceof AssertionError) {
                return ASSERTION;
            }
            if (t instanceof InterruptedException) {
                return INTERRUPTED;
            }
        }
        return FAILED;
    }
}
