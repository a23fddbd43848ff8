package dev.mtk.session;

import dev.mtk.internal.Addresses;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.mina.core.future.CloseFuture;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/**
 * A MINA {@link NioSocketAcceptor} that speaks a {@link Profile} and runs one {@link Behaviour} for every session.
 *
 * <p>Behaviours run on the I/O threads, and replies written while one read is handled leave in one socket write
 * ({@link CoalescingWriteQueue}).
 */
public final class Server implements AutoCloseable {
    private static final int BACKLOG = 1024;
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final NioSocketAcceptor acceptor;
    private final InetSocketAddress address;
    private final ScheduledExecutorService timer;

    private Server(NioSocketAcceptor acceptor, InetSocketAddress address, ScheduledExecutorService timer) {
        this.acceptor = acceptor;
        this.address = address;
        this.timer = timer;
    }

    /**
     * Binds and starts serving.
     *
     * @throws SessionException when the address cannot be bound, naming it and the reason
     */
    public static Server start(ServerConfig config, Behaviour behaviour) {
        MinaExceptions.install();
        NioSocketAcceptor acceptor = config.ioThreads() > 0
                ? new NioSocketAcceptor(config.ioThreads())
                : new NioSocketAcceptor();
        acceptor.setReuseAddress(true);
        acceptor.setBacklog(BACKLOG);
        acceptor.setCloseOnDeactivation(true);
        acceptor.setSessionDataStructureFactory(new CoalescingStructures());
        acceptor.getSessionConfig().setTcpNoDelay(true);
        if (config.idleSeconds() > 0) {
            acceptor.getSessionConfig().setIdleTime(IdleStatus.READER_IDLE, config.idleSeconds());
        }
        acceptor.getFilterChain().addLast("codec", new ProtocolCodecFilter(config.profile().serverCodec(config.limits())));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mtk-server-timer");
            thread.setDaemon(true);
            return thread;
        });
        acceptor.setHandler(new ServerHandler(config.profile(), behaviour, timer, config.idleSeconds()));
        InetSocketAddress wanted = new InetSocketAddress(config.host(), config.port());
        if (wanted.isUnresolved()) {
            acceptor.dispose();
            timer.shutdownNow();
            throw new SessionException("cannot listen on " + config.host() + ":" + config.port() + ": unknown host");
        }
        try {
            acceptor.bind(wanted);
        } catch (IOException | RuntimeException e) {
            acceptor.dispose();
            timer.shutdownNow();
            throw new SessionException("cannot listen on " + Addresses.format(wanted) + ": " + reason(e), e);
        }
        return new Server(acceptor, (InetSocketAddress) acceptor.getLocalAddress(), timer);
    }

    /** The bound address, with the real port when port 0 was asked for. */
    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    /** Sessions open now. */
    public int sessionCount() {
        return acceptor.getManagedSessionCount();
    }

    /** Stops accepting, closes every session after what was written to it, and releases the I/O threads. */
    @Override
    public void close() {
        if (acceptor.isDisposed()) {
            return;
        }
        acceptor.unbind();
        List<CloseFuture> closing = new ArrayList<>();
        for (IoSession session : acceptor.getManagedSessions().values()) {
            closing.add(session.closeOnFlush());
        }
        for (CloseFuture future : closing) {
            future.awaitUninterruptibly(CLOSE_WAIT_MILLIS);
        }
        acceptor.dispose(true);
        timer.shutdownNow();
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.toLowerCase(java.util.Locale.ROOT);
    }
}
