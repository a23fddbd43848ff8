package dev.mtk.session;

/**
 * What a server does with its sessions: the seed's exchange by default, and later echo, Groovy scripts, replays and
 * compiled handlers. The server calls one behaviour for every session, each session's calls from one thread at a
 * time, so a behaviour keeps per-session state in {@link ServerSession#attributes()} and shared state in thread-safe
 * fields.
 */
public interface Behaviour {

    /** A client connected. */
    default void onOpen(ServerSession session) throws Exception {
    }

    /** A message arrived (already validated when the profile validates bodies). */
    void onMessage(ServerSession session, Message message) throws Exception;

    /**
     * The client sent nothing for the server's idle time (only called when one is set). The default closes the
     * session.
     */
    default void onIdle(ServerSession session) throws Exception {
        session.closeWithReason("idle for " + session.idleSeconds() + " s");
    }

    /** The session closed, by either side. */
    default void onClose(ServerSession session) throws Exception {
    }

    /**
     * A callback of this behaviour threw. The default logs the error and closes that session (after what was already
     * written); the server goes on serving the others.
     */
    default void onError(ServerSession session, Exception error) {
        session.closeWithReason("behaviour failed: " + error);
    }
}
