package dev.mtk.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Switches the conversation logs ({@code mtk.*}) between every message, warnings only, and nothing. */
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

    /**
     * No conversation lines at all, warnings included: the REPL prints every frame and a lost session itself, above
     * its prompt, where a log line would cut into what the user is typing.
     */
    static void off() {
        if (LoggerFactory.getLogger("mtk") instanceof Logger logger) {
            logger.setLevel(Level.OFF);
        }
    }
}
