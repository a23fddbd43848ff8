package dev.mtk.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue of sessions waiting for a handler thread, with real threads asleep in it. */
class ReadyQueueTest {
    private static final SessionQueue FIRST = new SessionQueue(null, null, null, null);
    private static final SessionQueue SECOND = new SessionQueue(null, null, null, null);
    private static final long LONG_SECONDS = 60;

    private final ReentrantLock lock = new ReentrantLock();
    private final ReadyQueue ready = new ReadyQueue(lock);
    private final ExecutorService sleepers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        sleepers.shutdownNow();
    }

    private Future<SessionQueue> sleeper() {
        return sleepers.submit(() -> ready.poll(LONG_SECONDS, TimeUnit.SECONDS));
    }

    /** Waits until {@code count} pollers are asleep in the queue. */
    private void awaitSleeping(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> ready.sleeping() == count);
    }

    @Test
    void aSessionAddedWhileAWorkerSleepsWakesIt() throws Exception {
        Future<SessionQueue> worker = sleeper();
        awaitSleeping(1);

        ready.add(FIRST);

        assertThat(worker.get(10, TimeUnit.SECONDS)).isSameAs(FIRST);
    }

    /**
     * Two workers asleep, two sessions added one after the other before the woken worker can come back (the test holds
     * the queue's lock across both adds): one worker is woken and takes the first. Returns the other worker, still
     * asleep.
     */
    private Future<SessionQueue> twoSessionsForTwoSleepers() throws Exception {
        Future<SessionQueue> one = sleeper();
        Future<SessionQueue> two = sleeper();
        awaitSleeping(2);

        lock.lock();
        try {
            ready.add(FIRST);
            ready.add(SECOND);
        } finally {
            lock.unlock();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> one.isDone() || two.isDone());
        Future<SessionQueue> woken = one.isDone() ? one : two;
        assertThat(woken.get()).isSameAs(FIRST);
        return woken == one ? two : one;
    }

    @Test
    void sessionsAddedWhileAWorkerIsOnItsWayWakeNoSecond() throws Exception {
        twoSessionsForTwoSleepers();

        assertThat(ready.sleeping()).as("the other worker still asleep").isEqualTo(1);
        assertThat(ready.size()).isEqualTo(1);
        assertThat(ready.poll(0, TimeUnit.SECONDS)).as("the worker back for more takes it").isSameAs(SECOND);
    }

    @Test
    void theCheckWakesASleeperForASessionThatWaits() throws Exception {
        Future<SessionQueue> asleep = twoSessionsForTwoSleepers();

        ready.wakeIfWaiting();

        assertThat(asleep.get(10, TimeUnit.SECONDS)).isSameAs(SECOND);
    }

    @Test
    void aSleeperThatNothingWakesReturnsNothingAtItsTimeout() throws Exception {
        assertThat(ready.poll(1, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aStopMarkerWakesEverySleeper() throws Exception {
        Future<SessionQueue> one = sleeper();
        Future<SessionQueue> two = sleeper();
        awaitSleeping(2);

        ready.addAndWakeAll(FIRST);
        ready.addAndWakeAll(SECOND);

        assertThat(java.util.List.of(one.get(10, TimeUnit.SECONDS), two.get(10, TimeUnit.SECONDS)))
                .containsExactlyInAnyOrder(FIRST, SECOND);
    }
}
