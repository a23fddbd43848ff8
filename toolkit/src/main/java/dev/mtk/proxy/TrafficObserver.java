package dev.mtk.proxy;

import dev.mtk.record.Direction;
import dev.mtk.record.WireUnit;

/**
 * What a proxy reports about the traffic it forwards: connections opening and closing, and every unit decoded from a
 * copy of the bytes. Called on the proxy's one decoding thread, in the order things happened on each connection, never
 * on an I/O thread: an observer may take its time (print, write a file) without delaying the bytes it observes.
 */
public interface TrafficObserver {

    /** The proxy is bound to {@code address}; this comes before anything else. */
    default void listening(java.net.InetSocketAddress address, long nanos) {
    }

    /** A client connected; its upstream connection is being opened. {@code nanos} is {@link System#nanoTime()}. */
    void opened(long conn, String client, String target, long nanos);

    /** A unit was decoded from bytes that went {@code dir}; {@code nanos} is when those bytes were read. */
    void unit(long conn, Direction dir, WireUnit unit, long nanos);

    /**
     * Both sides of the connection are closed.
     *
     * @param by          who closed first: {@code client}, {@code server} or {@code proxy}
     * @param reason      why the proxy closed it, {@code null} when a peer did
     * @param clientBytes bytes forwarded from the client to the server
     * @param serverBytes bytes forwarded from the server to the client
     */
    void closed(long conn, String by, String reason, long clientBytes, long serverBytes, long nanos);

    /** Nothing is waiting to be decoded: a moment to flush. */
    default void idle() {
    }

    /** The proxy stopped; nothing more comes. */
    default void stopped() {
    }
}
