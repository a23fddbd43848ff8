package dev.mtk.admin;

/**
 * A request the admin API refuses: the HTTP status and the one line that goes back as {@code {"error": "..."}}.
 * Thrown by {@link AdminRoutes} and answered by {@link AdminServer}, never seen outside this package.
 */
final class AdminError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    /** For 405, the method the route takes, sent as {@code Allow}; null otherwise. */
    private final String allow;

    AdminError(int status, String message) {
        this(status, message, null);
    }

    AdminError(int status, String message, String allow) {
        super(message, null, false, false);
        this.status = status;
        this.allow = allow;
    }

    int status() {
        return status;
    }

    String allow() {
        return allow;
    }
}
