package dev.mtk.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A plain blocking server socket on a free loopback port, to see the exact bytes a client (or a proxy) sends and to
 * answer with exact bytes. Every accepted connection waits in a queue for {@link #accept}.
 */
public final class RawServer implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 5_000;

    private final ServerSocket socket;
    private final BlockingQueue<Peer> accepted = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    public RawServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptAll, "raw-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The next connection, waiting up to five seconds. */
    public Peer accept() throws InterruptedException {
        Peer peer = accepted.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        if (peer == null) {
            throw new AssertionError("no connection within " + TIMEOUT_MILLIS + " ms");
        }
        return peer;
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                client.setTcpNoDelay(true);
                client.setSoTimeout(TIMEOUT_MILLIS);
                accepted.add(new Peer(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Peer peer : accepted) {
            peer.close();
        }
    }

    /** One accepted connection. */
    public static final class Peer implements AutoCloseable {
        private final Socket socket;

        private Peer(Socket socket) {
            this.socket = socket;
        }

        public Peer write(byte[] bytes) {
            try {
                socket.getOutputStream().write(bytes);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /** Exactly {@code count} bytes; fails on end of stream or after five seconds. */
        public byte[] read(int count) throws IOException {
            return RawClient.readExactly(socket.getInputStream(), count);
        }

        /** Everything until the peer closes (fails if it does not within five seconds of silence). */
        public byte[] readToEnd() throws IOException {
            return socket.getInputStream().readAllBytes();
        }

        /** Whether the peer closed (end of stream or reset) within five seconds, reading and dropping what comes. */
        public boolean closedByPeer() throws IOException {
            try {
                InputStream in = socket.getInputStream();
                while (in.read() >= 0) {
                    // drop
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
