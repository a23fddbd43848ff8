package dev.mtk.testing;

import java.io.EOFException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;

/**
 * One end of a TLS connection made of an {@link SSLEngine} over a plain socket, for tests that need to see TLS
 * records: it sends several records in one socket write, so that the other end reads them together, and counts the
 * records of application data it receives. ({@code SSLSocket} hides both: one record per write, each sent at once.)
 * A client ({@link #connect}) to test a server, or a server ({@link #accept}) to test a client.
 */
public final class EngineTlsPeer implements AutoCloseable {
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final Socket socket;
    private final SSLEngine engine;
    /** Received and not unwrapped yet; in write mode. */
    private final ByteBuffer network;
    /** Decrypted and not read yet; in write mode. */
    private final ByteBuffer application;
    private int dataRecords;

    private EngineTlsPeer(Socket socket, SSLEngine engine) {
        this.socket = socket;
        this.engine = engine;
        this.network = ByteBuffer.allocate(4 * engine.getSession().getPacketBufferSize());
        this.application = ByteBuffer.allocate(4 * engine.getSession().getApplicationBufferSize());
    }

    /** Connects to {@code port} on loopback and completes the handshake; {@code timeout} bounds every read. */
    public static EngineTlsPeer connect(SSLContext context, int port, Duration timeout) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) timeout.toMillis());
        SSLEngine engine = context.createSSLEngine("localhost", port);
        engine.setUseClientMode(true);
        EngineTlsPeer client = new EngineTlsPeer(socket, engine);
        try {
            client.handshake();
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return client;
    }

    /**
     * Accepts one connection on {@code listening} and completes the handshake as its server, with {@code context}'s
     * key; {@code timeout} bounds the accept and every read.
     */
    public static EngineTlsPeer accept(SSLContext context, ServerSocket listening, Duration timeout)
            throws IOException {
        listening.setSoTimeout((int) timeout.toMillis());
        Socket socket = listening.accept();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) timeout.toMillis());
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        EngineTlsPeer server = new EngineTlsPeer(socket, engine);
        try {
            server.handshake();
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return server;
    }

    private void handshake() throws IOException {
        engine.beginHandshake();
        HandshakeStatus status = engine.getHandshakeStatus();
        while (status != HandshakeStatus.FINISHED && status != HandshakeStatus.NOT_HANDSHAKING) {
            status = switch (status) {
                case NEED_WRAP -> wrapAndSend(NOTHING);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> unwrapOne().getHandshakeStatus();
                case NEED_TASK -> runTasks();
                default -> throw new IllegalStateException("unexpected handshake status " + status);
            };
        }
        // A TLS 1.3 server sends its session ticket once the handshake is done: before any data, not inside send.
        while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            wrapAndSend(NOTHING);
        }
    }

    private HandshakeStatus runTasks() {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
        return engine.getHandshakeStatus();
    }

    private HandshakeStatus wrapAndSend(ByteBuffer plain) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        SSLEngineResult result = engine.wrap(plain, out);
        socket.getOutputStream().write(out.array(), 0, out.position());
        return result.getHandshakeStatus();
    }

    /** Encrypts each message into a record of its own, and sends all the records in one socket write. */
    public void send(byte[]... messages) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(messages.length * engine.getSession().getPacketBufferSize());
        for (byte[] message : messages) {
            SSLEngineResult result = engine.wrap(ByteBuffer.wrap(message), out);
            if (result.getStatus() != Status.OK || result.bytesConsumed() != message.length) {
                throw new IllegalStateException("one record per message expected, got " + result);
            }
        }
        socket.getOutputStream().write(out.array(), 0, out.position());
    }

    /** Reads exactly {@code length} bytes of application data, unwrapping as many records as that takes. */
    public byte[] read(int length) throws IOException {
        while (application.position() < length) {
            unwrapOne();
        }
        application.flip();
        byte[] data = new byte[length];
        application.get(data);
        application.compact();
        return data;
    }

    /** How many received records carried application data (handshake and ticket records do not count). */
    public int dataRecords() {
        return dataRecords;
    }

    /** Unwraps one record, reading from the socket until a whole one is there. */
    private SSLEngineResult unwrapOne() throws IOException {
        while (true) {
            network.flip();
            SSLEngineResult result = engine.unwrap(network, application);
            network.compact();
            if (result.getStatus() == Status.BUFFER_UNDERFLOW) {
                receive();
                continue;
            }
            if (result.getStatus() != Status.OK) {
                throw new IllegalStateException("cannot unwrap: " + result);
            }
            if (result.bytesProduced() > 0) {
                dataRecords++;
            }
            return result;
        }
    }

    private void receive() throws IOException {
        int read = socket.getInputStream().read(network.array(), network.arrayOffset() + network.position(),
                network.remaining());
        if (read < 0) {
            throw new EOFException("the other end closed the connection");
        }
        network.position(network.position() + read);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
