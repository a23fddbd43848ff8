package dev.mtk.proxy;

import dev.mtk.internal.Addresses;
import dev.mtk.internal.Failures;
import dev.mtk.record.Direction;
import dev.mtk.record.StreamDecoder;
import dev.mtk.session.SessionException;
import dev.mtk.session.SyscallSavingProcessor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.future.CloseFuture;
import org.apache.mina.core.service.SimpleIoProcessorPool;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
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

    private final NioSocketAcceptor acceptor;
    private final NioSocketConnector connector;
    private final SimpleIoProcessorPool<NioSession> processors;
    private final ProxyHandler handler;
    private final TrafficTap tap;
    private final InetSocketAddress address;

    private Proxy(NioSocketAcceptor acceptor, NioSocketConnector connector, SimpleIoProcessorPool<NioSession> processors,
            ProxyHandler handler, TrafficTap tap, InetSocketAddress address) {
        this.acceptor = acceptor;
        this.connector = connector;
        this.processors = processors;
        this.handler = handler;
        this.tap = tap;
        this.address = address;
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
        InetSocketAddress wanted = new InetSocketAddress(config.listenHost(), config.listenPort());
        if (wanted.isUnresolved()) {
            throw new SessionException("cannot listen on " + config.listenHost() + ":" + config.listenPort()
                    + ": unknown host");
        }
        SimpleIoProcessorPool<NioSession> processors = new SimpleIoProcessorPool<>(SyscallSavingProcessor.class,
                config.ioThreads() > 0 ? config.ioThreads() : Runtime.getRuntime().availableProcessors());
        NioSocketConnector connector = new NioSocketConnector(processors);
        connector.getSessionConfig().setTcpNoDelay(true);
        NioSocketAcceptor acceptor = new NioSocketAcceptor(processors);
        acceptor.setReuseAddress(true);
        acceptor.setBacklog(1024);
        acceptor.setCloseOnDeactivation(true);
        acceptor.getSessionConfig().setTcpNoDelay(true);
        TrafficTap tap = new TrafficTap(observers);
        ProtocolDecoder[] decoders = {
            StreamDecoder.decoderFor(Direction.CLIENT_TO_SERVER, config.profile(), config.limits()),
            StreamDecoder.decoderFor(Direction.SERVER_TO_CLIENT, config.profile(), config.limits())
        };
        ProxyHandler handler = new ProxyHandler(connector, target, tap, decoders);
        connector.setHandler(handler);
        acceptor.setHandler(handler);
        try {
            acceptor.bind(wanted);
        } catch (IOException | RuntimeException e) {
            acceptor.dispose();
            connector.dispose();
            processors.dispose();
            tap.close();
            throw new SessionException("cannot listen on " + Addresses.format(wanted) + ": " + Failures.reason(e), e);
        }
        InetSocketAddress bound = (InetSocketAddress) acceptor.getLocalAddress();
        tap.listening(bound, System.nanoTime());
        handler.started();
        return new Proxy(acceptor, connector, processors, handler, tap, bound);
    }

    /** The bound address, with the real port when port 0 was asked for. */
    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    /** Clients connected now. */
    public int connectionCount() {
        return acceptor.getManagedSessionCount();
    }

    /**
     * Stops accepting, closes every connection after what was already forwarded, lets the observers see everything
     * decoded, and releases the threads.
     */
    @Override
    public void close() {
        if (acceptor.isDisposed()) {
            return;
        }
        handler.stopping();
        acceptor.unbind();
        List<CloseFuture> closing = new ArrayList<>();
        for (IoSession session : acceptor.getManagedSessions().values()) {
            closing.add(session.closeOnFlush());
        }
        for (IoSession session : connector.getManagedSessions().values()) {
            closing.add(session.closeOnFlush());
        }
        for (CloseFuture future : closing) {
            future.awaitUninterruptibly(CLOSE_WAIT_MILLIS);
        }
        acceptor.dispose(true);
        connector.dispose(true);
        processors.dispose();
        tap.close();
    }
}
