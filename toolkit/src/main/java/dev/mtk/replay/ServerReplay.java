package dev.mtk.replay;

import dev.mtk.internal.Addresses;
import dev.mtk.internal.Failures;
import dev.mtk.record.Direction;
import dev.mtk.record.Recorded;
import dev.mtk.record.Recording;
import dev.mtk.record.StreamDecoder;
import dev.mtk.session.Profile;
import dev.mtk.session.SessionException;
import dev.mtk.spi.FrameLimits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/**
 * Serves the server side of a recording to whatever connects: a mock made from real traffic. The first client gets
 * recorded connection 1, the second connection 2, and so on, starting over after the last, so a client that
 * reconnects is served again. No codec sits in the write path: replies go out as the exact recorded bytes.
 */
public final class ServerReplay implements AutoCloseable {
    private static final AttributeKey SERVED = new AttributeKey(ServerReplay.class, "served");

    private final NioSocketAcceptor acceptor;
    private final ScheduledExecutorService timer;
    private final InetSocketAddress address;

    private ServerReplay(NioSocketAcceptor acceptor, ScheduledExecutorService timer, InetSocketAddress address) {
        this.acceptor = acceptor;
        this.timer = timer;
        this.address = address;
    }

    /**
     * Binds and starts serving.
     *
     * @throws IllegalArgumentException when the recording has no connection
     * @throws SessionException         when the address cannot be bound
     */
    public static ServerReplay start(Recording recording, Profile profile, FrameLimits limits, ReplayOptions options,
            String host, int port) {
        List<List<Recorded>> connections = new ArrayList<>(recording.connections().values());
        if (connections.isEmpty()) {
            throw new IllegalArgumentException("the recording has no connection to serve");
        }
        ProtocolDecoder decoder = StreamDecoder.decoderFor(Direction.CLIENT_TO_SERVER, profile, limits);
        JsonDiff diff = new JsonDiff(options.ignore());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mtk-replay-timer");
            thread.setDaemon(true);
            return thread;
        });
        AtomicLong served = new AtomicLong();
        NioSocketAcceptor acceptor = new NioSocketAcceptor();
        acceptor.setReuseAddress(true);
        acceptor.getSessionConfig().setTcpNoDelay(true);
        acceptor.setHandler(new IoHandlerAdapter() {
            @Override
            public void sessionOpened(IoSession session) {
                int index = (int) (served.getAndIncrement() % connections.size());
                List<Recorded> events = connections.get(index);
                ServedConnection connection = new ServedConnection(session, events.get(0).conn(), events, profile,
                        new StreamDecoder(decoder), diff, timer, options.speed());
                session.setAttribute(SERVED, connection);
                connection.start();
            }

            @Override
            public void messageReceived(IoSession session, Object message) {
                IoBuffer buffer = (IoBuffer) message;
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                ((ServedConnection) session.getAttribute(SERVED)).received(bytes);
            }

            @Override
            public void sessionClosed(IoSession session) {
                ServedConnection connection = (ServedConnection) session.getAttribute(SERVED);
                if (connection != null) {
                    connection.closed();
                }
            }

            @Override
            public void exceptionCaught(IoSession session, Throwable cause) {
                session.closeNow();
            }
        });
        InetSocketAddress wanted = new InetSocketAddress(host, port);
        try {
            if (wanted.isUnresolved()) {
                throw new IOException("unknown host");
            }
            acceptor.bind(wanted);
        } catch (IOException | RuntimeException e) {
            acceptor.dispose();
            timer.shutdownNow();
            throw new SessionException("cannot listen on " + host + ":" + port + ": " + Failures.reason(e), e);
        }
        return new ServerReplay(acceptor, timer, (InetSocketAddress) acceptor.getLocalAddress());
    }

    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    /** Stops accepting, closes every client after what was written to it, and releases the threads. */
    @Override
    public void close() {
        if (acceptor.isDisposed()) {
            return;
        }
        acceptor.unbind();
        for (IoSession session : acceptor.getManagedSessions().values()) {
            session.closeOnFlush().awaitUninterruptibly(2_000);
        }
        acceptor.dispose(true);
        timer.shutdownNow();
    }

    @Override
    public String toString() {
        return "replay server on " + Addresses.format(address);
    }
}
