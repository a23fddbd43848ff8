package dev.mtk.bench;

import dev.mtk.exchange.Exchange;
import dev.mtk.session.ClientSession;
import dev.mtk.session.Message;
import dev.mtk.session.SessionException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One connection's side of the load: it keeps up to {@code pipeline} requests in flight, sends the next when a reply
 * comes (or when its schedule says so, at a target rate), and records each reply's latency from its own request's
 * send.
 *
 * <p>Replies pair with requests in order, or by their id when the profile correlates ({@code --correlate}): then they
 * may come in any order, and a reply whose id is unknown, answered already, or timed out already is an error of its
 * own kind. Without correlation a reply that comes with nothing in flight is one (an extra reply that comes while
 * another request waits cannot be told from that request's reply: only ids can).
 *
 * <p>All methods are synchronized: the I/O thread (replies), the ticker (schedule, timeouts) and the checker
 * ({@code --expect} closures) drive it, and the lock is almost never contended.
 */
final class BenchConnection implements ClientSession.Listener, Checker.Done {
    /** Ids remembered per connection to tell a duplicate or a late reply from an unknown id. */
    static final int REMEMBERED_IDS = 4096;

    /** A request in flight: when it was (meant to be) sent, and whether it counts. */
    private record Pending(String key, long sentAt, boolean measured) {
    }

    private final ClientSession session;
    private final LoadRun run;
    private final Plan plan;
    private final int number;
    private final int pipeline;
    private final long timeoutNanos;
    private final long intervalNanos;
    private final boolean correlated;
    private final boolean oneWay;
    private final ArrayDeque<Pending> inOrder;
    private final LinkedHashMap<String, Pending> byKey;
    private final Map<String, Boolean> timedOut = remembered();
    private final Map<String, Boolean> answered = remembered();
    private final SplittableRandom random;
    private long remaining;
    /** Requests sent whose reply, and its check, are not done. */
    private int inFlight;
    private long nextIntended;
    private boolean finished;
    /** Whether this connection listens for answers yet; until then the ticker must not send for it. */
    private boolean started;
    /** When a reply was last paired with its request (or the connection started). */
    private long lastPaired;
    /** Whether a request of this connection timed out. */
    private boolean timedOutHere;
    /** Whether it closed after a request timed out in order: what comes after cannot be paired. */
    private boolean gaveUp;

    BenchConnection(ClientSession session, LoadRun run, BenchConfig config, Plan plan, int number, long start) {
        this.session = session;
        this.run = run;
        this.plan = plan;
        this.number = number;
        this.pipeline = config.pipeline();
        this.timeoutNanos = config.timeout().toNanos();
        this.intervalNanos = config.rate() > 0 ? (long) (1e9 * config.connections() / config.rate()) : 0;
        this.correlated = plan.profile().correlation().present();
        this.oneWay = plan.profile().exchange() == Exchange.ONE_WAY;
        this.inOrder = correlated ? null : new ArrayDeque<>(pipeline);
        this.byKey = correlated ? new LinkedHashMap<>() : null;
        this.random = new SplittableRandom(number * 0x9E3779B97F4A7C15L ^ System.nanoTime());
        this.remaining = config.counted() ? config.messages() : Long.MAX_VALUE;
        this.nextIntended = start;
    }

    private static Map<String, Boolean> remembered() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED_IDS;
            }
        };
    }

    synchronized void start() {
        session.listen(this);
        started = true;
        lastPaired = System.nanoTime();
        fill(System.nanoTime());
        finishIfDone();
    }

    /** Called by the ticker: sends what the schedule says is due, and gives up on replies that are too late. */
    synchronized void tick(long now) {
        if (finished || !started) {
            return;
        }
        if (correlated) {
            expireByKey(now);
        } else if (!inOrder.isEmpty() && now - inOrder.peekFirst().sentAt() > timeoutNanos) {
            // In order, a late reply would be taken for the next request's: the connection cannot go on.
            run.failed(ErrorKind.TIMEOUT, inOrder.size(), () -> "no reply within " + timeoutNanos / 1_000_000 + " ms");
            gaveUp = true;
            finish();
            session.close();
            return;
        }
        fill(now);
        finishIfDone();
    }

    /**
     * Counts the requests that waited too long as timeouts, one by one, and goes on with the others. A connection
     * that has had timeouts and no reply paired for two timeouts is given up, as in order: else a counted run
     * against a server that answers nothing (or nothing with the right ids) would last its messages times the
     * timeout (a run of 40,000 went on for minutes).
     */
    private void expireByKey(long now) {
        boolean silent = now - lastPaired > 2 * timeoutNanos;
        Iterator<Pending> oldest = byKey.values().iterator();
        while (oldest.hasNext()) {
            Pending pending = oldest.next();
            if (now - pending.sentAt() <= timeoutNanos && !(silent && timedOutHere)) {
                return;
            }
            oldest.remove();
            timedOut.put(pending.key(), Boolean.TRUE);
            inFlight--;
            timedOutHere = true;
            run.failed(ErrorKind.TIMEOUT, 1, () -> "no reply to " + plan.profile().correlation().expression() + " "
                    + pending.key() + " within " + timeoutNanos / 1_000_000 + " ms");
        }
        if (silent && timedOutHere) {
            remaining = 0;
        }
    }

    @Override
    public synchronized void received(ClientSession from, Message message) {
        // One way awaits nothing; in order, a connection that timed out has closed and pairs nothing more.
        if (oneWay || gaveUp) {
            return;
        }
        Pending pending = correlated ? pairByKey(message) : pairInOrder(message);
        if (pending == null || finished) {
            return;
        }
        long now = System.nanoTime();
        if (plan.confirmation() != null) {
            send(plan.confirmation());
            if (pending.measured()) {
                run.confirmed(plan.confirmation().length);
            }
        }
        if (pending.measured()) {
            run.answered(pending.sentAt(), now, message.wireSize());
        }
        ReplyCheck check = plan.check();
        if (check != null && plan.checker() != null) {
            // Its place in the pipeline stays taken until the check is done (checked, below).
            plan.checker().submit(message, this);
            return;
        }
        if (check != null) {
            failedCheck(message, check.failure(message));
        }
        inFlight--;
        fill(now);
        finishIfDone();
    }

    @Override
    public synchronized void checked(Message reply, String failure) {
        failedCheck(reply, failure);
        inFlight--;
        if (!finished) {
            fill(System.nanoTime());
            finishIfDone();
        }
    }

    private void failedCheck(Message reply, String failure) {
        if (failure != null) {
            run.failed(ErrorKind.FAILED_CHECK, 1, () -> reply.render() + " (" + failure + ")");
        }
    }

    private Pending pairInOrder(Message message) {
        if (inOrder.isEmpty()) {
            run.failed(ErrorKind.UNEXPECTED, 1, message::render);
            return null;
        }
        return inOrder.pollFirst();
    }

    private Pending pairByKey(Message message) {
        String key = plan.profile().key(message);
        if (key == null) {
            run.failed(ErrorKind.NO_ID, 1, message::render);
            return null;
        }
        Pending pending = byKey.remove(key);
        if (pending != null) {
            answered.put(key, Boolean.TRUE);
            lastPaired = System.nanoTime();
            return pending;
        }
        ErrorKind kind = timedOut.remove(key) != null ? ErrorKind.LATE
                : answered.containsKey(key) ? ErrorKind.DUPLICATE : ErrorKind.UNKNOWN_ID;
        run.failed(kind, 1, message::render);
        return null;
    }

    @Override
    public synchronized void written(ClientSession from) {
        if (oneWay && started && !finished) {
            fill(System.nanoTime());
            finishIfDone();
        }
    }

    @Override
    public synchronized void closed(ClientSession from, String reason) {
        if (!finished) {
            boolean owed = inFlight > 0 || (remaining > 0 && !run.stopping());
            if (owed) {
                run.failed(ErrorKind.CLOSED, Math.max(1, inFlight), () -> reason);
            }
            finish();
        }
    }

    /** Stops sending; finishes once the replies in flight are in. */
    synchronized void stop() {
        finishIfDone();
    }

    private void fill(long now) {
        while (!finished && room() && !run.stopping() && remaining > 0
                && (intervalNanos == 0 || nextIntended <= now)) {
            long intended = intervalNanos == 0 ? System.nanoTime() : nextIntended;
            byte[] request = plan.fixedRequest();
            String key = null;
            if (request == null) {
                Plan.Request next;
                try {
                    next = plan.request(run.nextSeq(), number, random);
                } catch (RuntimeException e) {
                    // The first request was encoded before the run; a later one the framing refuses ends this
                    // connection's sending rather than the run.
                    run.failed(ErrorKind.REFUSED, 1, e::getMessage);
                    remaining = 0;
                    return;
                }
                request = next.bytes();
                key = next.key();
            }
            if (correlated && (key == null || byKey.containsKey(key))) {
                // Checked before the run for a fixed body and a template; a --bodies file may still repeat an id.
                idInFlight(key);
                remaining--;
                return;
            }
            nextIntended += intervalNanos;
            boolean measured = run.measured(intended);
            if (measured) {
                remaining--;
            }
            if (!oneWay) {
                Pending pending = new Pending(key, intended, measured);
                if (correlated) {
                    byKey.put(key, pending);
                } else {
                    inOrder.addLast(pending);
                }
                inFlight++;
            }
            if (!send(request)) {
                return;
            }
            if (oneWay && measured) {
                run.sentOneWay(System.nanoTime(), request.length);
            } else if (measured) {
                run.sent(request.length);
            }
        }
    }

    private void idInFlight(String key) {
        String path = plan.profile().correlation().expression();
        run.failed(ErrorKind.ID_IN_FLIGHT, 1, () -> key == null ? "a request without " + path
                : path + " " + key + " sent again before its reply");
    }

    private boolean room() {
        return oneWay ? session.unwritten() < pipeline : inFlight < pipeline;
    }

    private boolean send(byte[] bytes) {
        try {
            session.sendRaw(bytes);
            return true;
        } catch (SessionException e) {
            run.failed(ErrorKind.CLOSED, Math.max(1, inFlight), e::getMessage);
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
