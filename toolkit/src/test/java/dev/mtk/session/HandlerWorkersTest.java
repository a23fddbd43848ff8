package dev.mtk.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mtk.spi.Frame;
import dev.mtk.spi.Handler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.mina.core.session.DummySession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool of handler threads: its size while callbacks block and after, with real threads and DummySessions. */
class HandlerWorkersTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final dev.mtk.metrics.ServerMetrics METRICS = dev.mtk.metrics.ServerMetrics.create(() -> 0);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger blocked = new AtomicInteger();
    private final Handler blocking = (session, message) -> {
        blocked.incrementAndGet();
        try {
            release.await();
        } finally {
            blocked.decrementAndGet();
        }
    };
    private final HandlerWorkers workers = new HandlerWorkers(2, Duration.ofSeconds(30), Behaviour.fixed(blocking), timer);

    @AfterEach
    void stop() {
        release.countDown();
        workers.close();
        timer.shutdownNow();
    }

    private void blockOneMoreSession() {
        queue(new DummySession(), blocking, workers).message(message());
    }

    private SessionQueue queue(DummySession io, Handler handler, HandlerWorkers pool) {
        Profile profile = Profile.json();
        Map<String, Object> shared = new ConcurrentHashMap<>();
        ServerSession session = ServerSession.attach(io, profile, timer, 0, shared, Integer.MAX_VALUE, METRICS);
        return session.queue(new SessionQueue(session, io, new HandlerCalls(profile, Behaviour.fixed(handler),
                dev.mtk.journal.Journal.bounded(0, 1), METRICS), pool));
    }

    private static Message message() {
        byte[] body = "{\"block\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return Message.of(new Frame(body, body.length + 11), Profile.json().payload());
    }

    @Test
    void eachCallbackIsTimedFromItsOwnStartNotFromTheFirstTheCheckSaw() throws InterruptedException {
        AtomicLong now = new AtomicLong();
        Semaphore started = new Semaphore(0);
        Semaphore finish = new Semaphore(0);
        Handler gated = (session, message) -> {
            started.release();
            finish.acquire();
        };
        HandlerWorkers timed = new HandlerWorkers(1, Duration.ofMillis(100), Behaviour.fixed(gated), timer, now::get);
        DummySession io = new DummySession();
        try {
            SessionQueue queue = queue(io, gated, timed);
            queue.message(message());
            queue.message(message());
            started.acquire();
            timed.check();
            now.set(TimeUnit.MILLISECONDS.toNanos(90));
            timed.check();
            finish.release();
            started.acquire();

            now.set(TimeUnit.MILLISECONDS.toNanos(180));
            timed.check();
            assertThat(io.isClosing()).as("closed 90 ms into its second callback, 180 ms into the first").isFalse();
            now.set(TimeUnit.MILLISECONDS.toNanos(290));
            timed.check();
            assertThat(io.isClosing()).as("closed 110 ms or more into its second callback").isTrue();
        } finally {
            finish.release(2);
            timed.close();
        }
    }

    /**
     * The second session is queued while the worker woken for the first is on its way, so it wakes no other worker
     * ({@link ReadyQueue}); once the first blocks, the growth check wakes the worker still asleep for it, and none is
     * added. The test holds the queue's lock across both messages, so that the woken worker cannot come back between
     * them, and the workers wait an hour before they look for work on their own, so that only the check can wake one.
     */
    @Test
    void aSessionQueuedBehindABlockedCallbackGetsTheSleepingWorker() {
        ReentrantLock lock = new ReentrantLock();
        ReadyQueue ready = new ReadyQueue(lock);
        HandlerWorkers patient = new HandlerWorkers(2, Duration.ofSeconds(30), Behaviour.fixed(blocking), timer,
                System::nanoTime, ready, Duration.ofHours(1));
        try {
            await().atMost(TIMEOUT).until(() -> ready.sleeping() == 2);
            SessionQueue first = queue(new DummySession(), blocking, patient);
            SessionQueue second = queue(new DummySession(), blocking, patient);
            Message one = message();
            Message two = message();

            lock.lock();
            try {
                first.message(one);
                second.message(two);
            } finally {
                lock.unlock();
            }

            await().atMost(TIMEOUT).until(() -> blocked.get() == 2);
            assertThat(patient.threads()).as("served by the two workers there, none added").isEqualTo(2);
        } finally {
            release.countDown();
            patient.close();
        }
    }

    @Test
    void whileEveryWorkerIsBlockedAndSessionsWaitThePoolGrows() {
        for (int i = 0; i < 5; i++) {
            blockOneMoreSession();
        }

        await().atMost(TIMEOUT).until(() -> blocked.get() == 5);
        assertThat(workers.threads()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void thePoolGrowsNoFurtherThanItsMaximum() {
        for (int i = 0; i < HandlerWorkers.MAX_THREADS + 3; i++) {
            blockOneMoreSession();
        }

        await().atMost(TIMEOUT).until(() -> blocked.get() == HandlerWorkers.MAX_THREADS);
        assertThat(workers.threads()).isEqualTo(HandlerWorkers.MAX_THREADS);
    }

    @Test
    void addedWorkersEndOnceThereIsNothingToDo() {
        for (int i = 0; i < 4; i++) {
            blockOneMoreSession();
        }
        await().atMost(TIMEOUT).until(() -> blocked.get() == 4);

        release.countDown();

        await().atMost(TIMEOUT).until(() -> workers.threads() == 2);
    }
}
