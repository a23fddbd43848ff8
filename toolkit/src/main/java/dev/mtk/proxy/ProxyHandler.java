package dev.mtk.proxy;

import dev.mtk.internal.Addresses;
import dev.mtk.internal.Failures;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.transport.socket.nio.NioSocketConnector;

/**
 * The one handler of both the proxy's acceptor (clients) and its connector (upstream connections): every session
 * belongs to a {@link ProxyConnection}, which does the forwarding.
 */
final class ProxyHandler extends IoHandlerAdapter {
    private static final AttributeKey CONNECTION = new AttributeKey(ProxyHandler.class, "connection");

    private final NioSocketConnector upstream;
    private final InetSocketAddress target;
    private final String targetText;
    private final TrafficTap tap;
    private final ProtocolDecoder[] decoders;
    private final AtomicLong ids = new AtomicLong();
    private final long highWater;
    /** Open once the proxy told its observers where it listens: no connection is reported before that. */
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile boolean stopping;

    ProxyHandler(NioSocketConnector upstream, InetSocketAddress target, TrafficTap tap, ProtocolDecoder[] decoders,
            long highWater) {
        this.upstream = upstream;
        this.highWater = highWater;
        this.target = target;
        this.targetText = Addresses.format(target);
        this.tap = tap;
        this.decoders = decoders;
    }

    void started() {
        started.countDown();
    }

    void stopping() {
        stopping = true;
    }

    @Override
    public void sessionCreated(IoSession session) {
        if (session.getAttribute(CONNECTION) != null) {
            return;
        }
        // A client: nothing is read from it until its upstream connection is open.
        session.suspendRead();
        awaitStart();
        ProxyConnection connection = new ProxyConnection(ids.incrementAndGet(), session, tap, decoders, highWater);
        session.setAttribute(CONNECTION, connection);
        tap.opened(connection, Addresses.format(session.getRemoteAddress()), targetText, System.nanoTime());
        ConnectFuture connecting = upstream.connect(target, (io, future) -> io.setAttribute(CONNECTION, connection));
        connecting.addListener(done -> {
            ConnectFuture future = (ConnectFuture) done;
            if (future.isConnected()) {
                connection.linked(future.getSession());
            } else {
                connection.connectFailed("cannot connect to " + targetText + ": " + Failures.reason(future.getException()));
            }
        });
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        connection(session).forward(session, (IoBuffer) message);
    }

    @Override
    public void messageSent(IoSession session, Object message) {
        connection(session).sent(session);
    }

    @Override
    public void sessionClosed(IoSession session) {
        ProxyConnection connection = connection(session);
        if (connection != null) {
            connection.closed(session, stopping);
        }
    }

    /** Only clients idle: an upstream connection is as busy as its client. */
    @Override
    public void sessionIdle(IoSession session, IdleStatus status) {
        ProxyConnection connection = connection(session);
        if (connection != null) {
            connection.closeFor("idle for " + session.getConfig().getIdleTime(status) + " s");
        }
    }

    /** Closes a client that broke a limit of the proxy's, with its upstream connection. */
    static void closeFor(IoSession session, String reason) {
        ProxyConnection connection = connection(session);
        if (connection != null) {
            connection.closeFor(reason);
        } else {
            session.closeNow();
        }
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        // A reset or a broken pipe: the session closes, and closing it closes its partner.
        session.closeNow();
    }

    private void awaitStart() {
        try {
            // Only a client accepted in the microseconds between bind and start waits here.
            started.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ProxyConnection connection(IoSession session) {
        return (ProxyConnection) session.getAttribute(CONNECTION);
    }
}
