package dev.mtk.spi;

/**
 * What a server does with its sessions: the business logic. The built-in {@code seed} handler, Groovy behaviour
 * scripts and plugins' handlers all implement this, and the server runs them all the same way.
 *
 * <p>The server calls one handler for every session, each session's calls from one thread at a time. Keep
 * per-session state in {@link Conversation#state()} and shared state in {@link Conversation#shared()} or in
 * thread-safe fields. Callbacks run on I/O threads: do not block in them (use {@link Conversation#replyLater}).
 *
 * @since 1.0
 */
public interface Handler {

    /** A client connected. */
    default void onOpen(Conversation session) throws Exception {
    }

    /** A message arrived (already validated when the profile validates bodies). */
    void onMessage(Conversation session, Received message) throws Exception;

    /** The session closed, by either side. */
    default void onClose(Conversation session) throws Exception {
    }

    /** The client sent nothing for the server's idle time (only when one is set). The default closes the session. */
    default void onIdle(Conversation session) throws Exception {
        session.close("idle for " + session.idleSeconds() + " s");
    }

    /**
     * A callback of this handler threw: an exception, or an error such as a failed {@code assert}, a
     * {@link StackOverflowError} or a {@link NoClassDefFoundError}. The default closes that session (after what was
     * already sent) with the error as the reason; the server goes on serving the others. What this method throws in
     * turn closes the session too, naming both.
     */
    default void onError(Conversation session, Throwable error) {
        session.close("handler failed: " + error);
    }
}
