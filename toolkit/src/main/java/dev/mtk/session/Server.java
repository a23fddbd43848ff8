package dev.mtk.session;

import dev.mtk.journal.Journal;
import dev.mtk.limits.DecoderHoldings;
import dev.mtk.metrics.Refusal;
import dev.mtk.metrics.ServerMetrics;
import java.net.InetSocketAddress;
import java.util.List;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;


/**
 * A MINA acceptor ({@link Listener}) that speaks a {@link Profile} and runs one {@link dev.mtk.spi.Handler} for every
 * session.
 *
 * <p>Handlers run on worker threads ({@link HandlerWorkers}), the built-ins that cannot block on the I/O threads;
 * either way, the replies to one read leave in one socket write ({@link ReplyBatch}, {@link CoalescingWriteQueue}).
 * An {@link Error} from anything a session's input runs closes that session, never an I/O thread
 * ({@link ErrorGuardFilter}).
 */
public final class Server implements AutoCloseable {
    private final Listener listener;
    /** {@code null} when the handler runs on the I/O threads. */
    private final HandlerWorkers workers;
    private final ServerMetrics metrics;

    private Server(Listener listener, HandlerWorkers workers, ServerMetrics metrics) {
        this.listener = listener;
        this.workers = workers;
        this.metrics = metrics;
    }

    /**
     * Binds and starts serving.
     *
     * @throws SessionException when the address cannot be bound, naming it and the reason
     */
    public static Server start(ServerConfig config, dev.mtk.spi.Handler behaviour) {
        return start(config, Behaviour.fixed(behaviour), Journal.bounded(0, 1));
    }

    /**
     * Binds and starts serving {@code behaviour}, recording every message handed to its handler in {@code journal}.
     *
     * @throws SessionException when the address cannot be bound, naming it and the reason
     */
    public static Server start(ServerConfig config, Behaviour behaviour, Journal journal) {
        // First, so that a keystore that cannot be read fails before any thread or socket exists.
        org.apache.mina.filter.ssl.SslFilter tls = config.tls() == null ? null : config.tls().serverFilter();
        // The budget is made with the listener, and counted from the moment a session holds a byte.
        Listener[] bound = new Listener[1];
        ServerMetrics metrics = ServerMetrics.create(() -> bound[0] == null ? 0 : bound[0].budget().total());
        Listener listener = Listener.create("server", Listener.settings().ioThreads(config.ioThreads())
                .idleSeconds(config.idleSeconds()).tuning(config.tuning()).limits(config.sessions())
                .structures(new CoalescingStructures())
                .holdings(new DecoderHoldings(Server::queuedBytes, Server::messagesDecoded))
                .closer((io, reason) -> abort(io, reason, metrics)));
        bound[0] = listener;
        listener.filters().addFirst("guard", new ErrorGuardFilter());
        // In front of TLS, so that a read's batch spans every record decrypted from it: behind it, each record was
        // a read of its own, and a pipelined read of 16 requests was answered with 16 writes, 16 encryptions and
        // 16 TLS records where plain TCP had one write.
        boolean inline = behaviour.inline();
        listener.filters().addLast("replies", inline ? ReplyBatchFilter.server() : new ReadBatchFilter());
        if (tls != null) {
            listener.filters().addLast("tls", tls);
            listener.filters().addLast("tls-guard",
                    TlsGuard.server(listener.timer(), config.sessions().handshakeTimeout()));
        } else {
            listener.filters().addLast("tls-probe", new TlsProbeFilter());
        }
        listener.filters().addLast("codec", new ProtocolCodecFilter(config.profile().serverCodec(config.limits())));
        HandlerWorkers workers = inline ? null : new HandlerWorkers(HandlerWorkers.DEFAULT_THREADS,
                config.sessions().handlerTimeout(), behaviour, listener.timer());
        ServerHandler handler = new ServerHandler(config, new HandlerCalls(config.profile(), behaviour, journal, metrics),
                behaviour.shared(), workers, listener.timer(), metrics);
        listener.filters().addLast("deliver", new HandlerDelivery(handler));
        listener.handler(handler);
        try {
            return new Server(listener.bind(config.host(), config.port()), workers, metrics);
        } catch (SessionException e) {
            if (workers != null) {
                workers.close();
            }
            throw e;
        }
    }

    /** Bytes of messages decoded from {@code io} that wait for a handler worker: part of what the budget counts. */
    private static long queuedBytes(IoSession io) {
        ServerSession session = ServerSession.of(io);
        SessionQueue queue = session == null ? null : session.queue();
        return queue == null ? 0 : queue.queuedBytes();
    }

    /** Messages decoded from {@code io} so far: what tells the frame deadline that frames complete. */
    private static long messagesDecoded(IoSession io) {
        ServerSession session = ServerSession.of(io);
        return session == null ? 0 : session.messagesIn();
    }

    /** Closes a session that broke a limit, through its {@link ServerSession} once it has one, so it is logged once. */
    private static void abort(IoSession io, String reason, ServerMetrics metrics) {
        ServerSession session = ServerSession.of(io);
        if (session != null) {
            session.abort(Refusal.ofLimit(reason), reason);
        } else if (!io.isClosing()) {
            metrics.refused(Refusal.ofLimit(reason));
            ConversationLog.SERVER.warn(dev.mtk.internal.Addresses.format(io.getRemoteAddress()), "closed: " + reason);
            io.closeNow();
        }
    }

    /** The bound address, with the real port when port 0 was asked for. */
    public InetSocketAddress address() {
        return listener.address();
    }

    public int port() {
        return address().getPort();
    }

    /** What it counted since it started: connections, messages and bytes each way, refusals, handler time. */
    public ServerMetrics metrics() {
        return metrics;
    }

    /** Sessions open now. */
    public int sessionCount() {
        return listener.sessionCount();
    }

    /** The sessions open now, in no particular order. */
    public List<ServerSession> sessions() {
        List<ServerSession> open = new java.util.ArrayList<>();
        for (IoSession io : listener.sessions()) {
            ServerSession session = ServerSession.of(io);
            if (session != null) {
                open.add(session);
            }
        }
        return List.copyOf(open);
    }

    /** Closes the session with id {@code id} after what was written to it; {@code false} when none is open. */
    public boolean closeSession(long id) {
        for (ServerSession session : sessions()) {
            if (session.id() == id && session.isOpen()) {
                session.close("closed by the server's owner");
                return true;
            }
        }
        return false;
    }

    /** The connection limit in force: the configured one, lowered to fit the process's descriptor limit. */
    public int maxConnections() {
        return listener.maxConnections();
    }

    /** Bytes all sessions hold now (partial frames, messages not yet handled, replies not yet sent), as last counted. */
    public long buffered() {
        return listener.budget().total();
    }

    /** What the user should be told before serving (a limit lowered to fit the descriptor limit), a line each. */
    public List<String> warnings() {
        return listener.warnings();
    }

    /** Stops accepting, closes every session after what was written to it, and releases the I/O threads. */
    @Override
    public void close() {
        listener.close();
        if (workers != null) {
            workers.close();
        }
    }
}
