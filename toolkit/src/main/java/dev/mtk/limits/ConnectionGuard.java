package dev.mtk.limits;

import dev.mtk.internal.Throttle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * Closes a connection as soon as it is made when the service already holds {@code maxConnections}, or
 * {@code maxPerAddress} from the same IP address, so that one host (a slowloris, a runaway client) cannot take every
 * slot. A refused connection goes no further than this filter: the filters and the handler behind it never hear of
 * it. Refusals are reported at most once a second, with how many were held back.
 */
public final class ConnectionGuard extends IoFilterAdapter {
    private static final AttributeKey COUNTED = new AttributeKey(ConnectionGuard.class, "counted");

    private final int maxConnections;
    private final int maxPerAddress;
    private final BiConsumer<IoSession, String> report;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final Throttle throttle = new Throttle();

    /**
     * @param report told of each refusal that is not held back, with the session and a one-line reason
     */
    public ConnectionGuard(int maxConnections, int maxPerAddress, BiConsumer<IoSession, String> report) {
        if (maxConnections < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("connection limits must be at least 1: " + maxConnections + ", "
                    + maxPerAddress);
        }
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
        this.report = report;
    }

    @Override
    public void sessionCreated(NextFilter next, IoSession io) throws Exception {
        String refusal = admit(io);
        if (refusal != null) {
            long held = throttle.pass();
            if (held >= 0) {
                report.accept(io, refusal + (held > 0 ? " (and " + held + " more refused in the last second)" : ""));
            }
            io.closeNow();
            return;
        }
        next.sessionCreated(io);
    }

    /** Counts the session in, or says why it may not come in. */
    private String admit(IoSession io) {
        int total = open.incrementAndGet();
        if (total > maxConnections) {
            open.decrementAndGet();
            return "refused: " + (total - 1) + " connections already (max-connections " + maxConnections + ")";
        }
        InetAddress address = addressOf(io.getRemoteAddress());
        if (address != null) {
            int[] already = new int[1];
            perAddress.compute(address, (key, count) -> {
                already[0] = count == null ? 0 : count;
                return already[0] < maxPerAddress ? already[0] + 1 : count;
            });
            if (already[0] >= maxPerAddress) {
                open.decrementAndGet();
                return "refused: " + already[0] + " connections already from " + address.getHostAddress()
                        + " (max-connections-per-address " + maxPerAddress + ")";
            }
        }
        io.setAttribute(COUNTED, address == null ? Boolean.TRUE : address);
        return null;
    }

    @Override
    public void sessionOpened(NextFilter next, IoSession io) throws Exception {
        if (io.containsAttribute(COUNTED)) {
            next.sessionOpened(io);
        }
    }

    @Override
    public void messageReceived(NextFilter next, IoSession io, Object message) throws Exception {
        if (io.containsAttribute(COUNTED)) {
            next.messageReceived(io, message);
        }
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession io) throws Exception {
        Object counted = io.removeAttribute(COUNTED);
        if (counted == null) {
            return;
        }
        open.decrementAndGet();
        if (counted instanceof InetAddress address) {
            perAddress.computeIfPresent(address, (key, count) -> count > 1 ? count - 1 : null);
        }
        next.sessionClosed(io);
    }

    private static InetAddress addressOf(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
