package dev.mtk.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mtk.limits.ReadGate;
import dev.mtk.spi.Frame;
import dev.mtk.spi.Handler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A session's queue of callbacks, on a MINA {@link DummySession} whose writes are counted, with real workers. */
class SessionQueueTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final dev.mtk.metrics.ServerMetrics METRICS = dev.mtk.metrics.ServerMetrics.create(() -> 0);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final DummySession io = new DummySession();
    private final List<Object> writes = new CopyOnWriteArrayList<>();
    private HandlerWorkers workers;

    @AfterEach
    void stop() {
        if (workers != null) {
            workers.close();
        }
        timer.shutdownNow();
    }

    private SessionQueue queue(Handler handler) {
        return queue(handler, 1);
    }

    private SessionQueue queue(Handler handler, int threads) {
        io.getFilterChain().addFirst("count", new IoFilterAdapter() {
            @Override
            public void filterWrite(NextFilter next, IoSession session, WriteRequest request) {
                writes.add(request.getMessage());
            }
        });
        Profile profile = Profile.json();
        Map<String, Object> shared = new ConcurrentHashMap<>();
        ServerSession session = ServerSession.attach(io, profile, timer, 0, shared, Integer.MAX_VALUE, METRICS);
        workers = new HandlerWorkers(threads, Duration.ofSeconds(10), Behaviour.fixed(handler), timer);
        return session.queue(new SessionQueue(session, io, new HandlerCalls(profile, Behaviour.fixed(handler), dev.mtk.journal.Journal.bounded(0, 1), METRICS), workers));
    }

    private static Message message(int n) {
        byte[] body = ("{\"n\":" + n + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return Message.of(new Frame(body, body.length + 11), Profile.json().payload());
    }

    @Test
    void theMessagesOfOneReadGoToAWorkerOnlyWhenTheReadIsDecoded() {
        SessionQueue queue = queue((session, received) -> dev.mtk.session.SeedExchange.acknowledge(session), 0);

        queue.readStarted();
        for (int i = 0; i < 16; i++) {
            queue.message(message(i));
        }
        assertThat(workers.waiting()).as("sessions handed to a worker during the read").isZero();
        queue.readEnded();

        assertThat(workers.waiting()).as("sessions handed to a worker after the read").isEqualTo(1);
    }

    @Test
    void oneDrainAnswersEverythingQueuedInOneWriteAndInOrder() {
        List<Object> seen = new ArrayList<>();
        List<Object> expected = new ArrayList<>();
        SessionQueue queue = queue((session, received) -> {
            seen.add(received.value());
            session.reply(received.value());
        });

        queue.readStarted();
        for (int i = 0; i < 16; i++) {
            queue.message(message(i));
            expected.add(Map.of("n", i));
        }
        queue.readEnded();

        await().atMost(TIMEOUT).until(() -> !writes.isEmpty());
        assertThat(writes).hasSize(1);
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void closingTheWorkersLetsThemFinishWhatIsQueued() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Object> seen = new CopyOnWriteArrayList<>();
        SessionQueue queue = queue((session, received) -> {
            started.countDown();
            release.await();
            seen.add(received.value());
        });
        queue.readStarted();
        for (int i = 0; i < 3; i++) {
            queue.message(message(i));
        }
        queue.readEnded();
        started.await();

        Thread closing = new Thread(workers::close, "closing");
        closing.start();
        await().atMost(TIMEOUT).until(() -> closing.getState() == Thread.State.TIMED_WAITING || !closing.isAlive());
        release.countDown();
        closing.join();

        assertThat(seen).hasSize(3);
    }

    @Test
    void whileTheWriteBacklogHoldsReadingMessagesWaitUntilItIsReleased() {
        List<Object> seen = new CopyOnWriteArrayList<>();
        SessionQueue queue = queue((session, received) -> seen.add(received.value()));
        io.increaseScheduledWriteBytes(1000);
        ReadGate.hold(io, ReadGate.Reason.WRITE_BACKLOG);

        queue.message(message(1));
        await().atMost(TIMEOUT).until(queue::awaitingWrites);
        assertThat(seen).as("messages handed to the handler past the backlog's high mark").isEmpty();

        io.increaseScheduledWriteBytes(-1000);
        ReadGate.release(io, ReadGate.Reason.WRITE_BACKLOG);

        await().atMost(TIMEOUT).until(() -> seen.size() == 1);
        assertThat(queue.awaitingWrites()).isFalse();
    }

    @Test
    void aSessionClosedWhileItsRepliesWaitStillGetsItsOnClose() {
        CountDownLatch closed = new CountDownLatch(1);
        SessionQueue queue = queue(new Handler() {
            @Override
            public void onMessage(dev.mtk.spi.Conversation session, dev.mtk.spi.Received received) {
            }

            @Override
            public void onClose(dev.mtk.spi.Conversation session) {
                closed.countDown();
            }
        });
        io.increaseScheduledWriteBytes(1000);
        ReadGate.hold(io, ReadGate.Reason.WRITE_BACKLOG);
        queue.message(message(1));
        await().atMost(TIMEOUT).until(queue::awaitingWrites);

        io.closeNow();
        queue.closed(0);

        await().atMost(TIMEOUT).until(() -> closed.getCount() == 0);
    }

    @Test
    void readingIsSuspendedPastTheBoundAndResumedBelowHalf() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SessionQueue queue = queue((session, received) -> {
            started.countDown();
            release.await();
        });
        queue.message(message(0));
        started.await();

        // The message in the handler counts until it is answered: the worker holds it.
        for (int i = 1; i < SessionQueue.MAX_MESSAGES; i++) {
            queue.message(message(i));
        }
        assertThat(io.isReadSuspended()).as("suspended at %d held", SessionQueue.MAX_MESSAGES).isFalse();
        queue.message(message(SessionQueue.MAX_MESSAGES));
        assertThat(io.isReadSuspended()).as("suspended past the bound").isTrue();

        release.countDown();
        await().atMost(TIMEOUT).until(() -> !io.isReadSuspended());
    }
}
