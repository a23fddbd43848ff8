package dev.mtk.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code --users N}: each user loops the scenario, one iteration after the other, until the duration is over, the
 * iterations are used up, or the run is stopped; user {@code u} of {@code n} starts {@code u/n} of the ramp-up in.
 * A user waiting for its start, a reply or the end of a pause is parked, not polling.
 */
final class ClosedModel {
    private final ScenarioLoad load;
    private final Iterations iterations;
    private final CountDownLatch ending;

    ClosedModel(ScenarioLoad load, Iterations iterations, CountDownLatch ending) {
        this.load = load;
        this.iterations = iterations;
        this.ending = ending;
    }

    /**
     * Starts the users and waits until the run should end.
     *
     * @return the users' threads, to be awaited
     */
    List<Thread> run(long startNanos, UserThreads threads) throws InterruptedException {
        long here = load.shard().share(load.users());
        long offset = load.shard().first(load.users());
        AtomicLong budget = load.iterations() > 0 ? new AtomicLong(load.shard().share(load.iterations())) : null;
        long deadline = startNanos + load.duration().toNanos();
        CountDownLatch done = new CountDownLatch((int) Math.min(Integer.MAX_VALUE, here));
        List<Thread> users = new ArrayList<>();
        for (long u = 0; u < here; u++) {
            long user = u;
            long startAt = startNanos + load.rampUp().toNanos() * u / here;
            Thread thread = threads.newThread(() -> {
                try {
                    loop(offset + user, startAt, deadline, budget);
                } catch (InterruptedException e) {
                    // interrupted past the grace period: the iteration that was running is recorded as such
                } finally {
                    done.countDown();
                    if (done.getCount() == 0) {
                        ending.countDown();
                    }
                }
            });
            users.add(thread);
            thread.start();
        }
        if (here == 0) {
            ending.countDown();
        }
        if (budget == null) {
            ending.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } else {
            ending.await();
        }
        return users;
    }

    private void loop(long user, long startAt, long deadline, AtomicLong budget) throws InterruptedException {
        if (ending.await(startAt - System.nanoTime(), TimeUnit.NANOSECONDS)) {
            return;
        }
        for (long iteration = 0; ending.getCount() > 0; iteration++) {
            if (budget == null ? System.nanoTime() >= deadline : budget.getAndDecrement() <= 0) {
                return;
            }
            iterations.run(user, iteration, System.nanoTime());
        }
    }
}
