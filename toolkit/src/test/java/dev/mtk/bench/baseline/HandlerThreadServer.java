package dev.mtk.bench.baseline;

import ch.qos.logback.classic.Level;
import dev.mtk.embed.MtkServer;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * mtk's server with its default behaviour (the built-in handler that acknowledges every message), but run where
 * scripts and plugins run: on the handler threads instead of the I/O threads. bench/compare.sh loads it between the
 * default server and bench/ack.groovy, so that the script's distance from the default server splits in two:
 * what the hand-off to a handler thread costs (this server against the default one: the same code on other threads)
 * and what Groovy costs (the script against this server: the same threads, other code).
 *
 * <p>How: a server started through {@link MtkServer} keeps its behaviour replaceable unless told
 * {@link MtkServer.Builder#fixedBehaviour()}, and a replaceable behaviour runs on the handler threads even when it is
 * a built-in one. The journal is off and the conversation log at WARN, as {@code mtk server -q} has them; the command
 * line cannot start this server, since with nothing to replace its behaviour (no {@code --admin}, no
 * {@code --watch}) it fixes it, and {@code --admin} turns on the journal.
 *
 * <p>Run: {@code java -cp ... dev.mtk.bench.baseline.HandlerThreadServer [PORT]}; prints
 * {@code listening on 127.0.0.1:PORT} and serves until killed.
 */
public final class HandlerThreadServer {
    private HandlerThreadServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port;
        try {
            port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        } catch (NumberFormatException e) {
            System.err.println("HandlerThreadServer: PORT must be a number, not " + args[0]);
            System.exit(2);
            return;
        }
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("mtk")).setLevel(Level.WARN);
        try (MtkServer server = MtkServer.builder().port(port).journal(0).start()) {
            System.out.println("listening on 127.0.0.1:" + server.port() + " (built-in handler on handler threads)");
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }
}
