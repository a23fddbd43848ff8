package dev.mtk.replay;

import dev.mtk.internal.Addresses;
import dev.mtk.record.Direction;
import dev.mtk.record.Recorded;
import dev.mtk.record.Recording;
import dev.mtk.record.StreamDecoder;
import dev.mtk.session.Listener;
import dev.mtk.session.Profile;
import dev.mtk.session.SessionException;
import dev.mtk.spi.FrameLimits;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the server side of a recording to whatever connects: a mock made from real traffic. By default each request
 * is answered with what the recorded server sent for the recorded request it matches, by body, else by correlation
 * key ({@link MatchedConnection}), on whatever connection and in whatever order it comes. With
 * {@link ReplayOptions#stateful()} the first client gets recorded connection 1 in its recorded order, the second
 * connection 2, and so on, starting over after the last ({@link ServedConnection}): for servers whose answers depend
 * on what came before on the connection. No codec sits in the write path: replies go out as the exact recorded bytes.
 */
public final class ServerReplay implements AutoCloseable {
    private static final AttributeKey SERVED = new AttributeKey(ServerReplay.class, "served");
    private static final Logger LOG = LoggerFactory.getLogger("mtk.replay");

    private final Listener listener;

    private ServerReplay(Listener listener) {
        this.listener = listener;
    }

    /** {@link #start(Recording, Profile, FrameLimits, ReplayOptions, Listener.Settings, String, int)} with defaults. */
    public static ServerReplay start(Recording recording, Profile profile, FrameLimits limits, ReplayOptions options,
            String host, int port) {
        return start(recording, profile, limits, options, Listener.settings(), host, port);
    }

    /**
     * Binds and starts serving.
     *
     * @throws IllegalArgumentException when the recording has no connection
     * @throws SessionException         when the address cannot be bound
     */
    public static ServerReplay start(Recording recording, Profile profile, FrameLimits limits, ReplayOptions options,
            Listener.Settings listening, String host, int port) {
        List<List<Recorded>> connections = new ArrayList<>(recording.connections().values());
        if (connections.isEmpty()) {
            throw new IllegalArgumentException("the recording has no connection to serve");
        }
        ProtocolDecoder decoder = StreamDecoder.decoderFor(Direction.CLIENT_TO_SERVER, profile, limits);
        JsonDiff diff = new JsonDiff(options.ignore());
        Listener listener = Listener.create("replay", listening.holdings(new ServedHoldings(SERVED)));
        ScheduledExecutorService timer = listener.timer();
        AtomicLong served = new AtomicLong();
        RecordedAnswers answers = options.stateful() ? null : new RecordedAnswers(recording, profile);
        listener.handler(new IoHandlerAdapter() {
            @Override
            public void sessionOpened(IoSession session) {
                Served connection;
                if (answers != null) {
                    connection = new MatchedConnection(session, answers, profile, new StreamDecoder(decoder), timer,
                            options.speed());
                } else {
                    int index = (int) (served.getAndIncrement() % connections.size());
                    List<Recorded> events = connections.get(index);
                    connection = new ServedConnection(session, events.get(0).conn(), events, profile,
                            new StreamDecoder(decoder), diff, timer, options.speed());
                }
                session.setAttribute(SERVED, connection);
                connection.start();
            }

            @Override
            public void messageReceived(IoSession session, Object message) {
                IoBuffer buffer = (IoBuffer) message;
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                ((Served) session.getAttribute(SERVED)).received(bytes);
            }

            @Override
            public void sessionClosed(IoSession session) {
                Served connection = (Served) session.getAttribute(SERVED);
                if (connection != null) {
                    connection.closed();
                }
            }

            @Override
            public void sessionIdle(IoSession session, IdleStatus status) {
                LOG.warn("#{} closed: idle for {} s", session.getId(), session.getConfig().getIdleTime(status));
                session.closeNow();
            }

            @Override
            public void exceptionCaught(IoSession session, Throwable cause) {
                session.closeNow();
            }
        });
        return new ServerReplay(listener.bind(host, port));
    }

    /** The connection limit in force: the configured one, lowered to fit the process's descriptor limit. */
    public int maxConnections() {
        return listener.maxConnections();
    }

    /** What the user should be told before serving (a limit lowered to fit the descriptor limit), a line each. */
    public List<String> warnings() {
        return listener.warnings();
    }

    public InetSocketAddress address() {
        return listener.address();
    }

    public int port() {
        return address().getPort();
    }

    /** Stops accepting, closes every client after what was written to it, and releases the threads. */
    @Override
    public void close() {
        listener.close();
    }

    @Override
    public String toString() {
        return "replay server on " + Addresses.format(address());
    }
}
