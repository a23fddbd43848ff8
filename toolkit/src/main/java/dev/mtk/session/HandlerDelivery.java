package dev.mtk.session;

import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.service.IoHandler;
import org.apache.mina.core.session.IoSession;

/**
 * The last filter of a server's chain: hands each decoded message to the server's handler itself, where MINA's tail
 * would. Why: the tail reads the clock twice per message (the session's last-read time and the service's throughput)
 * and resets two atomic idle counters, and pipelined that was 4 % of the server's CPU samples (async-profiler,
 * docs/PERFORMANCE.md). mtk needs none of it per message: the read that brought the bytes already sets the last-read
 * time and clears the idle counters, mtk counts its own messages (ServerSession, ServerMetrics), and the frame deadline
 * counts them through the server's holdings. Every other event still goes through the tail to the handler.
 */
final class HandlerDelivery extends IoFilterAdapter {
    private final IoHandler handler;

    HandlerDelivery(IoHandler handler) {
        this.handler = handler;
    }

    @Override
    public void messageReceived(NextFilter next, IoSession io, Object message) throws Exception {
        handler.messageReceived(io, message);
    }
}
