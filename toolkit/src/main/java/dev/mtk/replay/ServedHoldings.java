package dev.mtk.replay;

import dev.mtk.limits.Holdings;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/** What each client of a replay server holds, as its {@link Served} knows it, for the service's limits. */
final class ServedHoldings implements Holdings {
    private final AttributeKey served;

    ServedHoldings(AttributeKey served) {
        this.served = served;
    }

    @Override
    public long partial(IoSession io) {
        Served connection = connection(io);
        return connection == null ? 0 : connection.partial();
    }

    @Override
    public long completed(IoSession io) {
        Served connection = connection(io);
        return connection == null ? 0 : connection.completed();
    }

    @Override
    public long queued(IoSession io) {
        Served connection = connection(io);
        return connection == null ? 0 : connection.queued();
    }

    private Served connection(IoSession io) {
        return (Served) io.getAttribute(served);
    }
}
