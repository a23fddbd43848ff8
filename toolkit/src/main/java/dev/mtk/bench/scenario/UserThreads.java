package dev.mtk.bench.scenario;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threads virtual users run on: platform threads (Java 17 has no virtual ones) with a smaller stack than the
 * JVM's 1 MiB default. A user blocked in {@code receive} or {@code pause} parks, costing no CPU; its cost is its
 * stack and its script's objects (measured in docs/PERFORMANCE.md, "Scenario load: cost per virtual user").
 * 512 KiB leaves a Groovy script's deep dynamic call chains room to spare while halving the address space reserved.
 */
final class UserThreads implements ThreadFactory {
    static final long STACK_BYTES = 512 * 1024;

    private final AtomicLong made = new AtomicLong();

    @Override
    public Thread newThread(Runnable user) {
        Thread thread = new Thread(null, user, "mtk-user-" + made.getAndIncrement(), STACK_BYTES);
        thread.setDaemon(true);
        return thread;
    }
}
