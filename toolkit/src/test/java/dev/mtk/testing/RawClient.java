package dev.mtk.testing;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * A plain blocking socket to poke a server with exact bytes, as the seed's Go client does: write what you like,
 * read exactly so many bytes, check for the end of stream. Reads give up after five seconds.
 */
public final class RawClient implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    private final Socket socket;

    public RawClient(int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    }

    public RawClient write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads exactly {@code count} bytes; fails on end of stream or after the read timeout. */
    public byte[] read(int count) throws IOException {
        return readExactly(socket.getInputStream(), count);
    }

    /** Exactly {@code count} bytes of {@code in}; fails on end of stream, naming what did arrive. */
    public static byte[] readExactly(InputStream in, int count) throws IOException {
        byte[] bytes = in.readNBytes(count);
        if (bytes.length < count) {
            throw new EOFException("stream ended after " + bytes.length + " of " + count + " bytes: "
                    + Arrays.toString(bytes));
        }
        return bytes;
    }

    /** What one read returns (up to {@code max} bytes), as the seed's Go programs read. */
    public byte[] readOnce(int max) throws IOException {
        byte[] buffer = new byte[max];
        int n = socket.getInputStream().read(buffer);
        return n < 0 ? new byte[0] : Arrays.copyOf(buffer, n);
    }

    /** Whether the server closed the connection (a read returns end of stream or a reset) within the timeout. */
    public boolean closedByPeer() throws IOException {
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
