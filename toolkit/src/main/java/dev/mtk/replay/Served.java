package dev.mtk.replay;

/**
 * One client of a replayed server, as the listener sees it: told when it connects, what it sends and when it leaves,
 * and asked what it holds for the service's limits. Called on the client's I/O thread, one call at a time.
 */
sealed interface Served permits ServedConnection, MatchedConnection {

    void start();

    /** Bytes from the client. */
    void received(byte[] bytes);

    /** Bytes of a frame begun by the client and not yet complete. */
    long partial();

    /** Units of the client's stream decoded so far. */
    long completed();

    /** Bytes of client messages decoded and waiting to be answered. */
    long queued();

    void closed();
}
