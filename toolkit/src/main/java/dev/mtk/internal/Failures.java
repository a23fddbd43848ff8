package dev.mtk.internal;

import java.io.IOException;
import java.util.Locale;

/** Why a socket operation failed, in the few lower-case words a one-line error ends with. */
public final class Failures {
    private Failures() {
    }

    /**
     * The deepest cause's message ({@code address already in use}), {@code connection refused} for a refusal, and
     * {@code cancelled} when there is no failure to tell.
     */
    public static String reason(Throwable failure) {
        if (failure == null) {
            return "cancelled";
        }
        if (failure instanceof IOException && failure.getMessage() != null
                && failure.getMessage().toLowerCase(Locale.ROOT).contains("refused")) {
            return "connection refused";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.toLowerCase(Locale.ROOT);
    }
}
