package dev.mtk.session;

import dev.mtk.internal.Addresses;
import dev.mtk.internal.Failures;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioSocketConnector;

/**
 * A MINA {@link NioSocketConnector} that opens {@link ClientSession}s speaking one {@link ClientConfig#profile()}.
 * One client serves any number of sessions; closing it closes them all.
 */
public final class Client implements AutoCloseable {
    private static final long CLOSE_WAIT_NANOS = 2_000_000_000L;
    private static final int OPENED_KEPT = 4096;

    private final NioSocketConnector connector;
    /**
     * The local addresses of the sessions this client opened, the last {@link #OPENED_KEPT}, closed ones included:
     * a script's server must still read what a client the script already closed sent last (the seed's {@code ok}).
     * Guarded by itself.
     */
    private final Set<String> opened = new LinkedHashSet<>();
    private final ClientConfig config;
    /** Servers ({@code host:port}) that answered one of this client's plain sessions: not TLS servers. */
    private final Set<String> answeredPlain = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Client(NioSocketConnector connector, ClientConfig config) {
        this.connector = connector;
        this.config = config;
    }

    public static Client open(ClientConfig config) {
        MinaExceptions.install();
        org.apache.mina.filter.ssl.SslFilter tls = config.tls() == null ? null : config.tls().clientFilter();
        NioSocketConnector connector = new NioSocketConnector(SyscallSavingProcessor.class,
                config.ioThreads() > 0 ? config.ioThreads() : Listener.DEFAULT_IO_THREADS);
        connector.setConnectTimeoutMillis(config.connectTimeout().toMillis());
        connector.setSessionDataStructureFactory(new CoalescingStructures());
        connector.getSessionConfig().setTcpNoDelay(true);
        // In front of TLS, as on the server: what is sent while a read is handled leaves as one write, one record.
        connector.getFilterChain().addLast("sends", ReplyBatchFilter.client());
        if (tls != null) {
            connector.getFilterChain().addLast("tls", tls);
            connector.getFilterChain().addLast("tls-guard", TlsGuard.client());
        } else {
            connector.getFilterChain().addLast("tls-probe", new TlsProbeFilter());
        }
        connector.getFilterChain().addLast("codec", new ProtocolCodecFilter(config.profile().clientCodec(config.limits())));
        connector.setHandler(new ClientHandler());
        return new Client(connector, config);
    }

    public ClientConfig config() {
        return config;
    }

    /**
     * Opens a session to {@code host:port}.
     *
     * @throws ConnectFailedException naming the address and the reason (refused, timed out, unknown host)
     */
    public ClientSession connect(String host, int port) {
        String target = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new ConnectFailedException("cannot connect to " + target + ": unknown host", null);
        }
        ConnectFuture future = connector.connect(address,
                (io, connecting) -> ClientSession.attach(io, config.profile(), config.tls() != null, answeredPlain));
        if (!future.awaitUninterruptibly(config.connectTimeout().toMillis() + 1_000)) {
            future.cancel();
            throw new ConnectFailedException("cannot connect to " + target + ": timed out after "
                    + config.connectTimeout().toMillis() + " ms", null);
        }
        if (!future.isConnected()) {
            throw new ConnectFailedException("cannot connect to " + target + ": " + Failures.reason(future.getException()),
                    future.getException());
        }
        IoSession io = future.getSession();
        remember(io);
        ClientSession session = ClientSession.of(io);
        session.opened();
        return session;
    }

    /**
     * The local addresses ({@code host:port}) of the sessions this client opened, the last 4,096, closed ones
     * included: how a server in the same process names them.
     */
    public Set<String> localAddresses() {
        synchronized (opened) {
            return new HashSet<>(opened);
        }
    }

    private void remember(IoSession io) {
        if (io.getLocalAddress() == null) {
            return;
        }
        synchronized (opened) {
            opened.add(Addresses.format(io.getLocalAddress()));
            if (opened.size() > OPENED_KEPT) {
                opened.remove(opened.iterator().next());
            }
        }
    }

    /**
     * Closes every session after what was written to it has left (waiting up to two seconds in all), and releases
     * the I/O threads.
     */
    @Override
    public void close() {
        if (!connector.isDisposed()) {
            java.util.List<org.apache.mina.core.future.CloseFuture> closing = new java.util.ArrayList<>();
            for (IoSession io : connector.getManagedSessions().values()) {
                ClientSession session = ClientSession.of(io);
                if (session != null) {
                    session.closingHere();
                    closing.add(session.closeAfterWrites());
                } else {
                    closing.add(io.closeOnFlush());
                }
            }
            long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
            for (org.apache.mina.core.future.CloseFuture future : closing) {
                future.awaitUninterruptibly(Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
            }
            connector.dispose(true);
        }
    }
}
