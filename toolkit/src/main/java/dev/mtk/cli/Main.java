package dev.mtk.cli;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The launcher's entry point: runs {@link Mtk} on the real console and exits with its code. */
public final class Main {
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private Main() {
    }

    public static void main(String[] args) {
        FatalErrors.install();
        StopSignal signal = new StopSignal();
        AtomicInteger exitCode = new AtomicInteger(Mtk.FAILED);
        // SIGINT and SIGTERM run shutdown hooks: a server closes its sessions, then exits with its own code
        // (0 for a clean stop) rather than the JVM's 130 or 143.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (signal.stopAndWait(STOP_WAIT)) {
                    System.out.flush();
                    Runtime.getRuntime().halt(exitCode.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mtk-shutdown"));
        int code = new Mtk(Console.system(), signal).run(args);
        exitCode.set(code);
        signal.finished();
        System.out.flush();
        System.exit(code);
    }
}
