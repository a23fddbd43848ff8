package dev.mtk.session;

/**
 * Socket settings a server's sessions get.
 *
 * @param tcpNoDelay    send small writes at once (TCP_NODELAY); on by default, as request/reply traffic wants
 * @param receiveBuffer SO_RCVBUF in bytes, 0 for the system's default
 * @param sendBuffer    SO_SNDBUF in bytes, 0 for the system's default
 * @param readBuffer    the first read buffer MINA gives a session, in bytes (it then adapts between 64 B and 64 KiB)
 */
public record SocketTuning(boolean tcpNoDelay, int receiveBuffer, int sendBuffer, int readBuffer) {
    public static final SocketTuning DEFAULT = new SocketTuning(true, 0, 0, 2048);

    public SocketTuning {
        if (receiveBuffer < 0 || sendBuffer < 0) {
            throw new IllegalArgumentException("socket buffer sizes must not be negative: " + receiveBuffer + ", "
                    + sendBuffer);
        }
        if (readBuffer < 64 || readBuffer > 65536) {
            throw new IllegalArgumentException("read buffer must be between 64 and 65536 bytes: " + readBuffer);
        }
    }
}
