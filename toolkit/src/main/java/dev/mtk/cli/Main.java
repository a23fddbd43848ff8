package dev.mtk.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The launcher's entry point: runs {@link Mtk} on the real console and exits with its code. */
public final class Main {
    private static final long STOP_WAIT_SECONDS = 10;

    private Main() {
    }

    public static void main(String[] args) {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        // SIGINT and SIGTERM run shutdown hooks: let a running server close its sessions before the JVM goes.
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mtk-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = new Mtk(Console.system(), stop).run(args);
        finished.countDown();
        System.out.flush();
        System.exit(code);
    }
}
