package dev.mtk.session;

import dev.mtk.internal.Addresses;
import dev.mtk.internal.Failures;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.mina.core.future.CloseFuture;
import org.apache.mina.core.service.IoServiceStatistics;
import org.apache.mina.core.service.SimpleIoProcessorPool;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/**
 * A MINA {@link NioSocketAcceptor} that speaks a {@link Profile} and runs one {@link Handler} for every session.
 *
 * <p>Behaviours run on the I/O threads, and replies written while one read is handled leave in one socket write
 * ({@link CoalescingWriteQueue}).
 */
public final class Server implements AutoCloseable {
    private static final int BACKLOG = 1024;
    /**
     * One I/O thread per core. MINA's own default, one more, measured 10-40 % slower here (docs/PERFORMANCE.md): the
     * extra thread only adds context switches.
     */
    static final int DEFAULT_IO_THREADS = Runtime.getRuntime().availableProcessors();
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final NioSocketAcceptor acceptor;
    /** Ours to dispose: an acceptor given its processors does not dispose them. */
    private final SimpleIoProcessorPool<NioSession> processors;
    private final ExecutorService ioThreads;
    private final InetSocketAddress address;
    private final ScheduledExecutorService timer;

    private Server(NioSocketAcceptor acceptor, SimpleIoProcessorPool<NioSession> processors, ExecutorService ioThreads,
            InetSocketAddress address, ScheduledExecutorService timer) {
        this.acceptor = acceptor;
        this.processors = processors;
        this.ioThreads = ioThreads;
        this.address = address;
        this.timer = timer;
    }

    /**
     * Binds and starts serving.
     *
     * @throws SessionException when the address cannot be bound, naming it and the reason
     */
    public static Server start(ServerConfig config, dev.mtk.spi.Handler behaviour) {
        MinaExceptions.install();
        // First, so that a keystore that cannot be read fails before any thread or socket exists.
        org.apache.mina.filter.ssl.SslFilter tls = config.tls() == null ? null : config.tls().serverFilter();
        PerThreadStatistics statistics = new PerThreadStatistics();
        ExecutorService ioThreads = statistics.executor("mtk-server-io");
        SimpleIoProcessorPool<NioSession> processors = new SimpleIoProcessorPool<>(SyscallSavingProcessor.class,
                ioThreads, config.ioThreads() > 0 ? config.ioThreads() : DEFAULT_IO_THREADS, null);
        NioSocketAcceptor acceptor = new NioSocketAcceptor(processors) {
            @Override
            public IoServiceStatistics getStatistics() {
                return statistics.get();
            }
        };
        statistics.bind(acceptor);
        acceptor.setReuseAddress(true);
        acceptor.setBacklog(BACKLOG);
        acceptor.setCloseOnDeactivation(true);
        acceptor.setSessionDataStructureFactory(new CoalescingStructures());
        SocketTuning tuning = config.tuning();
        acceptor.getSessionConfig().setTcpNoDelay(tuning.tcpNoDelay());
        acceptor.getSessionConfig().setReadBufferSize(tuning.readBuffer());
        if (tuning.receiveBuffer() > 0) {
            acceptor.getSessionConfig().setReceiveBufferSize(tuning.receiveBuffer());
        }
        if (tuning.sendBuffer() > 0) {
            acceptor.getSessionConfig().setSendBufferSize(tuning.sendBuffer());
        }
        if (config.idleSeconds() > 0) {
            acceptor.getSessionConfig().setIdleTime(IdleStatus.READER_IDLE, config.idleSeconds());
        }
        if (tls != null) {
            acceptor.getFilterChain().addLast("tls", tls);
        } else {
            acceptor.getFilterChain().addLast("tls-probe", new TlsProbeFilter());
        }
        acceptor.getFilterChain().addLast("replies", new ReplyBatchFilter());
        acceptor.getFilterChain().addLast("codec", new ProtocolCodecFilter(config.profile().serverCodec(config.limits())));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mtk-server-timer");
            thread.setDaemon(true);
            return thread;
        });
        acceptor.setHandler(new ServerHandler(config, behaviour, timer));
        InetSocketAddress wanted = new InetSocketAddress(config.host(), config.port());
        if (wanted.isUnresolved()) {
            acceptor.dispose();
            processors.dispose();
            ioThreads.shutdownNow();
            timer.shutdownNow();
            throw new SessionException("cannot listen on " + config.host() + ":" + config.port() + ": unknown host");
        }
        try {
            acceptor.bind(wanted);
        } catch (IOException | RuntimeException e) {
            acceptor.dispose();
            processors.dispose();
            ioThreads.shutdownNow();
            timer.shutdownNow();
            throw new SessionException("cannot listen on " + Addresses.format(wanted) + ": " + Failures.reason(e), e);
        }
        return new Server(acceptor, processors, ioThreads, (InetSocketAddress) acceptor.getLocalAddress(), timer);
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
        processors.dispose();
        ioThreads.shutdownNow();
        timer.shutdownNow();
    }
}
