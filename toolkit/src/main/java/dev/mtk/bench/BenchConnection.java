package dev.mtk.bench;

import dev.mtk.session.ClientSession;
import dev.mtk.session.Message;
import dev.mtk.session.SessionException;

/**
 * One connection's side of the load: it keeps up to {@code pipeline} requests in flight, sends the next when an
 * answer comes (or when its schedule says so, at a target rate), and records each answer's latency.
 *
 * <p>All methods are synchronized: the I/O thread (answers) and the ticker (schedule, timeouts) both drive it, and
 * the lock is almost never contended.
 */
final class BenchConnection implements ClientSession.Listener {
    private final ClientSession session;
    private final LoadRun run;
    private final byte[] request;
    private final byte[] confirmation;
    private final int pipeline;
    private final long timeoutNanos;
    private final long intervalNanos;
    private final long[] sentAt;
    private long remaining;
    private int head;
    private int inFlight;
    private long nextIntended;
    private boolean finished;
    /** Whether this connection listens for answers yet; until then the ticker must not send for it. */
    private boolean started;

    BenchConnection(ClientSession session, LoadRun run, BenchConfig config, byte[] request, byte[] confirmation,
            long start) {
        this.session = session;
        this.run = run;
        this.request = request;
        this.confirmation = confirmation;
        this.pipeline = config.pipeline();
        this.timeoutNanos = config.timeout().toNanos();
        this.intervalNanos = config.rate() > 0 ? (long) (1e9 * config.connections() / config.rate()) : 0;
        this.sentAt = new long[config.pipeline()];
        this.remaining = config.counted() ? config.messages() : Long.MAX_VALUE;
        this.nextIntended = start;
    }

    synchronized void start() {
        session.listen(this);
        started = true;
        fill(System.nanoTime());
    }

    /** Called by the ticker: sends what the schedule says is due, and gives up on answers that are too late. */
    synchronized void tick(long now) {
        if (finished || !started) {
            return;
        }
        if (inFlight > 0 && now - sentAt[head] > timeoutNanos) {
            run.failed("timeout", inFlight);
            finish();
            session.close();
            return;
        }
        fill(now);
        finishIfDone();
    }

    @Override
    public synchronized void received(ClientSession from, Message message) {
        if (finished) {
            return;
        }
        if (inFlight == 0) {
            run.failed("unexpected answer", 1);
            return;
        }
        long sent = sentAt[head];
        head = (head + 1) % pipeline;
        inFlight--;
        long now = System.nanoTime();
        boolean measured = run.measured(sent);
        if (confirmation != null) {
            send(confirmation);
        }
        if (measured) {
            run.answered(sent, now, request.length + (confirmation == null ? 0 : confirmation.length),
                    message.wireSize());
        }
        fill(now);
        finishIfDone();
    }

    @Override
    public synchronized void closed(ClientSession from, String reason) {
        if (!finished) {
            boolean owed = inFlight > 0 || (remaining > 0 && !run.stopping());
            if (owed) {
                run.failed("closed by server", Math.max(1, inFlight));
            }
            finish();
        }
    }

    /** Stops sending; finishes once the answers in flight are in. */
    synchronized void stop() {
        finishIfDone();
    }

    private void fill(long now) {
        while (!finished && inFlight < pipeline && !run.stopping() && remaining > 0
                && (intervalNanos == 0 || nextIntended <= now)) {
            long intended = intervalNanos == 0 ? System.nanoTime() : nextIntended;
            nextIntended += intervalNanos;
            if (run.measured(intended)) {
                remaining--;
            }
            sentAt[(head + inFlight) % pipeline] = intended;
            inFlight++;
            if (!send(request)) {
                return;
            }
        }
    }

    private boolean send(byte[] bytes) {
        try {
            session.sendRaw(bytes);
            return true;
        } catch (SessionException e) {
            run.failed("closed by server", Math.max(1, inFlight));
            finish();
            return false;
        }
    }

    private void finishIfDone() {
        if (!finished && inFlight == 0 && (run.stopping() || remaining == 0)) {
            finish();
        }
    }

    private void finish() {
        if (!finished) {
            finished = true;
            run.connectionFinished();
        }
    }
}
