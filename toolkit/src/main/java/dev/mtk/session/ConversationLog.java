package dev.mtk.session;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
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
    /**
     * {@code logger.isInfoEnabled()}, kept up to date by Logback when any level changes (a {@code --quiet}, a
     * reconfiguration by {@code scan}, an embedder's {@code setLevel}). Asked two or three times per message, Logback's
     * own check (turbo filters, then the level) was 3 % of the server's CPU samples pipelined (docs/PERFORMANCE.md).
     * Under another SLF4J binding it is never cached, and {@link #enabled()} asks the logger every time.
     */
    private volatile boolean infoEnabled;
    private final boolean cached;

    private ConversationLog(String name) {
        this.logger = LoggerFactory.getLogger(name);
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            follow(context);
            this.cached = true;
        } else {
            this.cached = false;
        }
        this.infoEnabled = logger.isInfoEnabled();
    }

    boolean enabled() {
        return cached ? infoEnabled : logger.isInfoEnabled();
    }

    private void follow(LoggerContext context) {
        context.addListener(new LoggerContextListener() {
            @Override
            public boolean isResetResistant() {
                return true;
            }

            @Override
            public void onStart(LoggerContext started) {
                refresh();
            }

            @Override
            public void onReset(LoggerContext reset) {
                refresh();
            }

            @Override
            public void onStop(LoggerContext stopped) {
                refresh();
            }

            @Override
            public void onLevelChange(ch.qos.logback.classic.Logger changed, Level level) {
                refresh();
            }
        });
    }

    private void refresh() {
        infoEnabled = logger.isInfoEnabled();
    }

    void info(String peer, String event) {
        if (enabled()) {
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
