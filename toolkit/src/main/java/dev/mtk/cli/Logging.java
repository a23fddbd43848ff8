package dev.mtk.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Switches the conversation logs ({@code mtk.*}) between every message and warnings only. */
final class Logging {
    private Logging() {
    }

    static void conversation(boolean quiet) {
        if (LoggerFactory.getLogger("mtk") instanceof Logger logger) {
            logger.setLevel(quiet ? Level.WARN : Level.INFO);
        }
        // What a script logs is its own output, not a per-message line.
        if (LoggerFactory.getLogger("mtk.script") instanceof Logger script) {
            script.setLevel(Level.INFO);
        }
    }
}
