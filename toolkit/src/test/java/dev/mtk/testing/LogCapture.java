package dev.mtk.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/** Collects the conversation log lines ({@code mtk.*}) while open, as {@code "server PEER EVENT"} strings. */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("mtk");

    public LogCapture() {
        setName("capture");
        setContext(logger.getLoggerContext());
        // A --quiet run earlier in this JVM may have turned the conversation down to warnings.
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        start();
        logger.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent event) {
        String name = event.getLoggerName();
        lines.add(name.substring(name.lastIndexOf('.') + 1) + " " + event.getFormattedMessage());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits until a line matching {@code predicate} has been logged, and returns it. */
    public String awaitLine(Predicate<String> predicate) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().filter(predicate).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }

    /** Waits for a line containing every one of {@code parts}. */
    public String awaitContaining(String... parts) {
        return awaitLine(line -> {
            for (String part : parts) {
                if (!line.contains(part)) {
                    return false;
                }
            }
            return true;
        });
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
