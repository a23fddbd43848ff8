package dev.mtk.session;

import dev.mtk.internal.Addresses;
import dev.mtk.internal.Checks;
import dev.mtk.internal.Failures;
import dev.mtk.internal.Throttle;
import dev.mtk.limits.BufferBudget;
import dev.mtk.limits.Closer;
import dev.mtk.limits.ConnectionGuard;
import dev.mtk.limits.Deadlines;
import dev.mtk.limits.Descriptors;
import dev.mtk.limits.Holdings;
import dev.mtk.limits.WriteBacklog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.filterchain.DefaultIoFilterChainBuilder;
import org.apache.mina.core.future.CloseFuture;
import org.apache.mina.core.service.IoHandler;
import org.apache.mina.core.service.IoServiceStatistics;
import org.apache.mina.core.service.SimpleIoProcessorPool;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.session.IoSessionDataStructureFactory;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/**
 * The one way mtk listens: a MINA acceptor with its I/O threads, backlog, exception monitor, socket settings, idle
 * time and connection limits, shared by the server, the proxy and the replay server, so that each gets the same
 * defences and the same shutdown.
 *
 * <p>Made in two steps: {@link #create} makes the threads and the acceptor, the owner adds its filters (behind the
 * {@link ConnectionGuard}) and its handler, then {@link #bind} listens, or releases everything and throws.
 */
public final class Listener implements AutoCloseable {
    /** The kernel's queue of connections not yet accepted; 1024 holds a burst of the 10,000-connection benchmark. */
    static final int BACKLOG = 1024;
    /**
     * One I/O thread per core. MINA's own default, one more, measured 10-40 % slower here (docs/PERFORMANCE.md): the
     * extra thread only adds context switches.
     */
    static final int DEFAULT_IO_THREADS = Runtime.getRuntime().availableProcessors();
    /** Connections accepted past max-connections, only to be refused, before accepting pauses. */
    private static final int REFUSAL_SLACK = 64;
    private static final long ACCEPT_PAUSE_MILLIS = 100;
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final String name;
    private final PacedAcceptor acceptor;
    /** Ours to dispose: an acceptor given its processors does not dispose them. */
    private final SimpleIoProcessorPool<NioSession> processors;
    private final ExecutorService ioThreads;
    private final ScheduledExecutorService timer;
    private final ConnectionGuard guard;
    private final BufferBudget budget;
    private final List<String> warnings;
    private final int maxConnections;
    /** Where refusals, pauses and limit closes are told: the server's log, whichever service listens. */
    private final ConversationLog log = ConversationLog.SERVER;
    private volatile InetSocketAddress address;

    private Listener(String name, Settings settings) {
        this.name = name;
        MinaExceptions.install();
        List<String> notes = new ArrayList<>();
        this.maxConnections = clampToDescriptors(settings.limits.maxConnections(), settings.descriptorsPerConnection,
                notes);
        this.warnings = List.copyOf(notes);
        PerThreadStatistics statistics = new PerThreadStatistics();
        this.ioThreads = statistics.executor("mtk-" + name + "-io");
        this.processors = new SimpleIoProcessorPool<>(SyscallSavingProcessor.class, ioThreads,
                settings.ioThreads > 0 ? settings.ioThreads : DEFAULT_IO_THREADS, null);
        this.acceptor = new PacedAcceptor(processors, statistics, maxConnections + REFUSAL_SLACK,
                maxConnections < settings.limits.maxConnections());
        statistics.bind(acceptor);
        acceptor.setReuseAddress(true);
        acceptor.setBacklog(BACKLOG);
        acceptor.setCloseOnDeactivation(true);
        if (settings.structures != null) {
            acceptor.setSessionDataStructureFactory(settings.structures);
        }
        SocketTuning tuning = settings.tuning;
        acceptor.getSessionConfig().setTcpNoDelay(tuning.tcpNoDelay());
        acceptor.getSessionConfig().setReadBufferSize(tuning.readBuffer());
        if (tuning.receiveBuffer() > 0) {
            acceptor.getSessionConfig().setReceiveBufferSize(tuning.receiveBuffer());
        }
        if (tuning.sendBuffer() > 0) {
            acceptor.getSessionConfig().setSendBufferSize(tuning.sendBuffer());
        }
        if (settings.idleSeconds > 0) {
            acceptor.getSessionConfig().setIdleTime(IdleStatus.READER_IDLE, settings.idleSeconds);
        }
        this.guard = new ConnectionGuard(maxConnections, settings.limits.maxConnectionsPerAddress(),
                (io, reason) -> log.warn(Addresses.format(io.getRemoteAddress()), reason));
        Closer closer = settings.closer != null ? settings.closer : this::closeWithReason;
        SessionLimits limits = settings.limits;
        acceptor.getFilterChain().addFirst("limits", guard);
        if (settings.watermarks) {
            acceptor.getFilterChain().addLast("backlog", new WriteBacklog(limits.maxPending(), closer));
        }
        this.budget = new BufferBudget(limits.maxBuffered(), settings.holdings, closer, this::sessions);
        acceptor.getFilterChain().addLast("budget", budget);
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mtk-" + name + "-timer");
            thread.setDaemon(true);
            return thread;
        });
        Deadlines deadlines = new Deadlines(limits.frameTimeout(), limits.writeTimeout(), limits.maxPending() / 8,
                settings.holdings, closer, this::sessions, budget, System::currentTimeMillis);
        long period = Deadlines.period(limits.frameTimeout(), limits.writeTimeout()).toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                deadlines.run();
            } catch (RuntimeException e) {
                // The next look tries again; a failure here must not cancel every later one.
                MinaExceptions.report(e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /** Closes a session at once, saying why on one line. */
    private void closeWithReason(IoSession io, String reason) {
        if (!io.isClosing()) {
            log.warn(Addresses.format(io.getRemoteAddress()), "closed: " + reason);
            io.closeNow();
        }
    }

    /** Threads and an acceptor, not yet listening. */
    public static Listener create(String name, Settings settings) {
        return new Listener(name, settings);
    }

    /** The settings a listener is made with: each has a default. */
    public static Settings settings() {
        return new Settings();
    }

    /** Where the owner adds its filters; they come after the connection limits. */
    public DefaultIoFilterChainBuilder filters() {
        return acceptor.getFilterChain();
    }

    public void handler(IoHandler handler) {
        acceptor.setHandler(handler);
    }

    /** The I/O threads, for a connector that should share them (the proxy's). */
    public SimpleIoProcessorPool<NioSession> processors() {
        return processors;
    }

    /** One thread for timed work: delayed replies, deadlines. */
    public ScheduledExecutorService timer() {
        return timer;
    }

    /** What the owner should tell its user before serving, one line each (a limit clamped, say). */
    public List<String> warnings() {
        return warnings;
    }

    /** Bytes all sessions hold together, at their last update, and the budget for them. */
    public BufferBudget budget() {
        return budget;
    }

    /** The connection limit in force, after clamping to the descriptor limit. */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * Listens on {@code host:port}.
     *
     * @throws SessionException naming the address and the reason, after releasing every thread
     */
    public Listener bind(String host, int port) {
        InetSocketAddress wanted = new InetSocketAddress(host, port);
        if (wanted.isUnresolved()) {
            release();
            throw new SessionException("cannot listen on " + host + ":" + port + ": unknown host");
        }
        try {
            acceptor.bind(wanted);
        } catch (IOException | RuntimeException e) {
            release();
            throw new SessionException("cannot listen on " + Addresses.format(wanted) + ": " + Failures.reason(e), e);
        }
        address = (InetSocketAddress) acceptor.getLocalAddress();
        return this;
    }

    /** The bound address, with the real port when port 0 was asked for. */
    public InetSocketAddress address() {
        return address;
    }

    /** Sessions open now, refused ones on their way out included. */
    public int sessionCount() {
        return acceptor.getManagedSessionCount();
    }

    public Collection<IoSession> sessions() {
        return acceptor.getManagedSessions().values();
    }

    /** Stops accepting, closes every session after what was written to it, and releases the threads. */
    @Override
    public void close() {
        if (acceptor.isDisposed()) {
            return;
        }
        closeSessions();
        release();
    }

    /**
     * Stops accepting and closes every session after what was written to it, keeping the threads for sessions of a
     * connector that shares them; {@link #close()} releases them.
     */
    public void closeSessions() {
        acceptor.unbind();
        List<CloseFuture> closing = new ArrayList<>();
        for (IoSession session : acceptor.getManagedSessions().values()) {
            closing.add(session.closeOnFlush());
        }
        for (CloseFuture future : closing) {
            future.awaitUninterruptibly(CLOSE_WAIT_MILLIS);
        }
    }

    private void release() {
        acceptor.dispose(true);
        processors.dispose();
        ioThreads.shutdownNow();
        timer.shutdownNow();
    }

    private static int clampToDescriptors(int wanted, int perConnection, List<String> warnings) {
        long room = Descriptors.room(perConnection);
        if (wanted <= room) {
            return wanted;
        }
        int clamped = (int) room;
        warnings.add("max-connections lowered from " + wanted + " to " + clamped + ": the process may open "
                + Descriptors.max() + " files (ulimit -n), and each connection takes " + perConnection
                + "; raise the limit to allow more");
        return clamped;
    }

    @Override
    public String toString() {
        return "mtk " + name + " on " + (address == null ? "(not bound)" : Addresses.format(address));
    }

    /**
     * An acceptor that stops accepting for a moment while it holds as many sessions as it may, instead of accepting
     * only to refuse until the process runs out of descriptors, and reports that once a second at most.
     *
     * <p>Where the descriptor limit is what bounds the connections, it also counts the descriptors open before each
     * batch of accepts (a listing of a few hundred entries), so that what else the process opens (jars, a recording)
     * cannot push an accept into {@code EMFILE}: the JDK could then not even load a class.
     */
    private final class PacedAcceptor extends NioSocketAcceptor {
        private final PerThreadStatistics statistics;
        private final int pauseAt;
        private final boolean watchDescriptors;
        private final long descriptorCeiling = Descriptors.max() - Descriptors.RESERVE / 2;
        private final Throttle throttle = new Throttle();

        PacedAcceptor(SimpleIoProcessorPool<NioSession> processors, PerThreadStatistics statistics, int pauseAt,
                boolean watchDescriptors) {
            super(processors);
            this.statistics = statistics;
            this.pauseAt = pauseAt;
            this.watchDescriptors = watchDescriptors;
        }

        @Override
        public IoServiceStatistics getStatistics() {
            return statistics.get();
        }

        @Override
        protected void processHandles(Iterator<ServerSocketChannel> handles) throws Exception {
            int open = getManagedSessionCount();
            long descriptors = watchDescriptors ? Descriptors.open() : -1;
            if (open < pauseAt && descriptors < descriptorCeiling) {
                super.processHandles(handles);
                return;
            }
            while (handles.hasNext()) {
                handles.next();
                handles.remove();
            }
            if (throttle.pass() >= 0) {
                log.warn(Addresses.format(address), "not accepting for now: " + open + " connections open (max-connections "
                        + maxConnections + (descriptors >= descriptorCeiling ? ", " + descriptors + " of "
                        + Descriptors.max() + " file descriptors in use" : "") + "); new ones wait in the kernel's backlog");
            }
            Thread.sleep(ACCEPT_PAUSE_MILLIS);
        }
    }

    /** How a listener is made; every setting has a default. */
    public static final class Settings {
        private int ioThreads;
        private int idleSeconds;
        private SocketTuning tuning = SocketTuning.DEFAULT;
        private SessionLimits limits = SessionLimits.DEFAULT;
        private IoSessionDataStructureFactory structures;
        private int descriptorsPerConnection = 1;
        private Holdings holdings = Holdings.NONE;
        private Closer closer;
        private boolean watermarks = true;

        private Settings() {
        }

        /** I/O threads; 0 for one per core. */
        public Settings ioThreads(int value) {
            this.ioThreads = Checks.notNegative("I/O threads", value);
            return this;
        }

        /** A session that reads nothing this long gets MINA's idle event; 0 for never. */
        public Settings idleSeconds(int value) {
            this.idleSeconds = Checks.notNegative("idle seconds", value);
            return this;
        }

        public Settings tuning(SocketTuning value) {
            this.tuning = java.util.Objects.requireNonNull(value, "tuning");
            return this;
        }

        public Settings limits(SessionLimits value) {
            this.limits = java.util.Objects.requireNonNull(value, "limits");
            return this;
        }

        /** A session's attribute map and write queue, when the default ones will not do. */
        Settings structures(IoSessionDataStructureFactory value) {
            this.structures = value;
            return this;
        }

        /** What a session holds between reads besides unsent bytes, for the budget and the frame deadline. */
        public Settings holdings(Holdings value) {
            this.holdings = java.util.Objects.requireNonNull(value, "holdings");
            return this;
        }

        /** How a session that broke a limit is closed; by default at once, with a warning line. */
        public Settings closer(Closer value) {
            this.closer = value;
            return this;
        }

        /**
         * Whether a session's reading stops while its peer leaves too much unsent ({@link WriteBacklog}); off for a
         * service with flow control of its own (the proxy's).
         */
        public Settings watermarks(boolean value) {
            this.watermarks = value;
            return this;
        }

        /** Descriptors one accepted connection takes: 2 for a proxy (the client's and the upstream's). */
        public Settings descriptorsPerConnection(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("descriptors per connection must be at least 1: " + value);
            }
            this.descriptorsPerConnection = value;
            return this;
        }
    }
}
