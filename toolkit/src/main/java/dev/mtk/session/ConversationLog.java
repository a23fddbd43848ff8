package dev.mtk.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One side's conversation log: a line per event, {@code PEER EVENT DETAILS}, on the SLF4J logger {@code mtk.server}
 * or {@code mtk.client}. Per-message lines are INFO and are built only when INFO is on, so {@code --quiet} (WARN)
 * makes them free; refusals and failures are WARN.
 */
final class ConversationLog {
    static final ConversationLog SERVER = new ConversationLog("mtk.server");
    static final ConversationLog CLIENT = new ConversationLog("mtk.client");

    private final Logger logger;

    private ConversationLog(String name) {
        this.logger = LoggerFactory.getLogger(name);
    }

    boolean enabled() {
        return logger.isInfoEnabled();
    }

    void info(String peer, String event) {
        if (logger.isInfoEnabled()) {
            logger.info("{} {}", pad(peer), event);
        }
    }

    void warn(String peer, String event) {
        logger.warn("{} {}", pad(peer), event);
    }

    /** Peers padded to the width of {@code 255.255.255.255:65535}, so events line up. */
    private static String pad(String peer) {
        return peer.length() >= 21 ? peer : peer + " ".repeat(21 - peer.length());
    }
}
