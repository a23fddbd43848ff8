package dev.mtk.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code --arrival-rate R}: iteration {@code i} is due at {@code start + i/R}, whether or not earlier ones have
 * ended, and runs on a free user, of at most {@code --max-users}. Users are made only when none is free, so the
 * threads are as many as the load needed at its busiest, not the cap.
 *
 * <p>An iteration that finds no free user waits, and its time still runs from when it was due: a target that stalls
 * shows the stall in every iteration it delayed (coordinated omission corrected). Waiting iterations are only a
 * count, not a queue; past {@link #waitingBound} of them the oldest are dropped, counted as {@code dropped}, so that
 * a long stall does not end in a burst of its whole backlog.
 */
final class OpenModel {
    private final ScenarioLoad load;
    private final Iterations iterations;
    private final CountDownLatch ending;
    private final LinkedBlockingDeque<User> free = new LinkedBlockingDeque<>();
    private final List<User> users = new ArrayList<>();
    private final LongAdder dropped = new LongAdder();

    OpenModel(ScenarioLoad load, Iterations iterations, CountDownLatch ending) {
        this.load = load;
        this.iterations = iterations;
        this.ending = ending;
    }

    /**
     * How many due iterations may wait for a user before the oldest are dropped: a second's worth of arrivals, or
     * as many as there are users, whichever is more.
     */
    static long waitingBound(double rate, long users) {
        return Math.max(users, (long) Math.ceil(rate));
    }

    long dropped() {
        return dropped.sum();
    }

    /** Wakes the scheduler when it waits for a free user: the run is ending. */
    void wake() {
        free.offerFirst(User.WAKE);
    }

    /**
     * Schedules iterations until the run should end.
     *
     * @return the users' threads, to be awaited once told to finish
     */
    List<Thread> run(long startNanos, UserThreads threads) throws InterruptedException {
        long cap = load.shard().share(load.maxUsers());
        long offset = load.shard().first(load.maxUsers());
        double rate = load.shard().share(load.arrivalRate());
        long total = load.iterations() > 0 ? load.shard().share(load.iterations()) : Long.MAX_VALUE;
        long end = startNanos + load.duration().toNanos();
        long bound = waitingBound(rate, cap);
        for (long i = 0; i < total && cap > 0; i++) {
            long due = startNanos + (long) (i * 1e9 / rate);
            if ((load.iterations() == 0 && due >= end) || ending.await(due - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                break;
            }
            User user = free.pollFirst();
            if (user == null && users.size() < cap) {
                user = new User(offset + users.size(), this);
                users.add(user);
                user.start(threads);
            }
            if (user == null) {
                user = free.pollFirst(load.iterations() == 0 ? end - System.nanoTime() : Long.MAX_VALUE,
                        TimeUnit.NANOSECONDS);
            }
            if (user == null || user == User.WAKE) {
                break;
            }
            long waiting = (long) ((System.nanoTime() - startNanos) * rate / 1e9) - i;
            if (waiting > bound) {
                long skip = Math.min(waiting - bound, total - i - 1);
                dropped.add(skip);
                i += skip;
                due = startNanos + (long) (i * 1e9 / rate);
            }
            user.give(due);
        }
        ending.countDown();
        List<Thread> threadsMade = new ArrayList<>();
        for (User user : users) {
            user.finish();
            threadsMade.add(user.thread);
        }
        return threadsMade;
    }

    /** One virtual user: a thread that runs the iterations it is given, then offers itself again. */
    private static final class User implements Runnable {
        static final User WAKE = new User(-1, null);
        private static final long FINISH = Long.MIN_VALUE;

        private final long index;
        private final OpenModel model;
        /** Room for one iteration and the word to finish: {@link #finish} must never find it full. */
        private final BlockingQueue<Long> next = new ArrayBlockingQueue<>(2);
        private long iteration;
        private Thread thread;

        User(long index, OpenModel model) {
            this.index = index;
            this.model = model;
        }

        void start(UserThreads threads) {
            thread = threads.newThread(this);
            thread.start();
        }

        void give(long due) {
            next.add(due);
        }

        void finish() {
            next.offer(FINISH);
        }

        @Override
        public void run() {
            try {
                for (long due = next.take(); due != FINISH; due = next.take()) {
                    model.iterations.run(index, iteration++, due);
                    model.free.offerFirst(this);
                }
            } catch (InterruptedException e) {
                // interrupted past the grace period: nothing more to run
            }
        }
    }
}
