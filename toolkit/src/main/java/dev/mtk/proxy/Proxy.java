package dev.mtk.proxy;

import dev.mtk.record.Direction;
import dev.mtk.record.StreamDecoder;
import dev.mtk.session.SessionException;
import dev.mtk.session.Listener;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.future.CloseFuture;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.transport.socket.nio.NioSocketConnector;

/**
 * A transparent man in the middle: every client that connects gets its own connection to the target, and the bytes
 * of each read go on to the other side as they came, garbage and half frames included, in the buffer MINA read them
 * into. No codec sits in that path. When someone observes, a copy of each read goes to a decoding thread
 * ({@link TrafficTap}), which cuts it into frames with the profile's decoders and reports them.
 *
 * <p>Acceptor and connector share one pool of I/O threads, so a client and its upstream connection often share a
 * thread and a forwarded read leaves in the same loop that read it.
 */
public final class Proxy implements AutoCloseable {
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final Listener listener;
    private final NioSocketConnector connector;
    private final ProxyHandler handler;
    private final TrafficTap tap;

    private Proxy(Listener listener, NioSocketConnector connector, ProxyHandler handler, TrafficTap tap) {
        this.listener = listener;
        this.connector = connector;
        this.handler = handler;
        this.tap = tap;
    }

    /**
     * Binds and starts forwarding.
     *
     * @param observers told of every connection and every decoded unit, on the decoding thread; none for a proxy that
     *                  only forwards (and then copies and decodes nothing)
     * @throws SessionException when the address cannot be bound or the target is an unknown host
     */
    public static Proxy start(ProxyConfig config, List<TrafficObserver> observers) {
        InetSocketAddress target = new InetSocketAddress(config.targetHost(), config.targetPort());
        if (target.isUnresolved()) {
            throw new SessionException("cannot forward to " + config.target() + ": unknown host");
        }
        Listener listener = Listener.create("proxy", Listener.settings().ioThreads(config.ioThreads())
                .idleSeconds(config.idleSeconds()).limits(config.sessions()).descriptorsPerConnection(2)
                .watermarks(false).closer(ProxyHandler::closeFor));
        NioSocketConnector connector = new NioSocketConnector(listener.processors());
        connector.getSessionConfig().setTcpNoDelay(true);
        TrafficTap tap = new TrafficTap(observers, config.sessions().maxBuffered());
        ProtocolDecoder[] decoders = {
            StreamDecoder.decoderFor(Direction.CLIENT_TO_SERVER, config.profile(), config.limits()),
            StreamDecoder.decoderFor(Direction.SERVER_TO_CLIENT, config.profile(), config.limits())
        };
        ProxyHandler handler = new ProxyHandler(connector, target, tap, decoders, config.sessions().maxPending() / 4);
        connector.setHandler(handler);
        listener.handler(handler);
        try {
            listener.bind(config.listenHost(), config.listenPort());
        } catch (SessionException e) {
            connector.dispose();
            tap.close();
            throw e;
        }
        tap.listening(listener.address(), System.nanoTime());
        handler.started();
        return new Proxy(listener, connector, handler, tap);
    }

    /** The bound address, with the real port when port 0 was asked for. */
    public InetSocketAddress address() {
        return listener.address();
    }

    public int port() {
        return address().getPort();
    }

    /** The connection limit in force: the configured one, lowered to fit the process's descriptor limit. */
    public int maxConnections() {
        return listener.maxConnections();
    }

    /** What the user should be told before forwarding (a limit lowered to fit the descriptor limit), a line each. */
    public List<String> warnings() {
        return listener.warnings();
    }

    /** Clients connected now. */
    public int connectionCount() {
        return listener.sessionCount();
    }

    /**
     * Stops accepting, closes every connection after what was already forwarded, lets the observers see everything
     * decoded, and releases the threads.
     */
    @Override
    public void close() {
        if (connector.isDisposed()) {
            return;
        }
        handler.stopping();
        List<CloseFuture> closing = new ArrayList<>();
        for (IoSession session : connector.getManagedSessions().values()) {
            closing.add(session.closeOnFlush());
        }
        listener.closeSessions();
        for (CloseFuture future : closing) {
            future.awaitUninterruptibly(CLOSE_WAIT_MILLIS);
        }
        connector.dispose(true);
        // Last: the I/O threads both sides share.
        listener.close();
        tap.close();
    }
}
