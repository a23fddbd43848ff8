package dev.mtk.session;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ConversationLogTest {
    private final Logger mtk = (Logger) LoggerFactory.getLogger("mtk");
    private final Level before = mtk.getLevel();

    @AfterEach
    void restore() {
        mtk.setLevel(before);
    }

    @Test
    void followsALevelSetOnTheParentLoggerAtOnce() {
        mtk.setLevel(Level.WARN);
        assertThat(ConversationLog.SERVER.enabled()).isFalse();

        mtk.setLevel(Level.INFO);
        assertThat(ConversationLog.SERVER.enabled()).isTrue();
    }

    @Test
    void followsALevelSetOnItsOwnLogger() {
        Logger server = (Logger) LoggerFactory.getLogger("mtk.server");
        Level own = server.getLevel();
        try {
            mtk.setLevel(Level.INFO);
            server.setLevel(Level.OFF);
            assertThat(ConversationLog.SERVER.enabled()).isFalse();
        } finally {
            server.setLevel(own);
        }
        assertThat(ConversationLog.SERVER.enabled()).isTrue();
    }
}
