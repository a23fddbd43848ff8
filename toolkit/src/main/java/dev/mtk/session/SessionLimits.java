package dev.mtk.session;

/**
 * What one server lets each session, and all of them together, take.
 *
 * @param maxConnections sessions open at once; the next ones are closed as soon as they connect, with a log line
 * @param maxPending     bytes written to a session but not yet taken by its peer; a peer that stops reading is
 *                       closed when its backlog passes this, instead of growing the heap
 */
public record SessionLimits(int maxConnections, int maxPending) {
    /** Room for the 10,000 connections of docs/PERFORMANCE.md, and 4 MiB of backlog per session. */
    public static final SessionLimits DEFAULT = new SessionLimits(16_384, 4 * 1024 * 1024);

    public SessionLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max-connections must be at least 1: " + maxConnections);
        }
        if (maxPending < 1) {
            throw new IllegalArgumentException("max-pending must be a positive number of bytes: " + maxPending);
        }
    }
}
