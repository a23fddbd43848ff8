package dev.mtk.limits;

import org.apache.mina.core.session.IoSession;

/** How a service closes a session that broke a limit: at once, logging the reason its own way. */
@FunctionalInterface
public interface Closer {
    void close(IoSession io, String reason);
}
