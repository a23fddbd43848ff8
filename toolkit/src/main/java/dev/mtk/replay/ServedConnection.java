package dev.mtk.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mtk.internal.Addresses;
import dev.mtk.record.Direction;
import dev.mtk.record.Recorded;
import dev.mtk.record.RecordedBody;
import dev.mtk.record.StreamDecoder;
import dev.mtk.record.WireUnit;
import dev.mtk.session.Profile;
import dev.mtk.spi.PayloadException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client served the server side of one recorded connection: the recorded replies go out in order, each after the
 * client message it followed in the recording, and after the recorded pause (scaled by the speed). What the client
 * sends is decoded and compared with what the recorded client sent; a difference is a warning, and the replay goes
 * on.
 */
final class ServedConnection implements Served {
    private static final Logger LOG = LoggerFactory.getLogger("mtk.replay");

    private final IoSession session;
    private final long recordedConn;
    private final List<Recorded> events;
    private final Profile profile;
    private final StreamDecoder decoder;
    private final JsonDiff diff;
    private final ScheduledExecutorService timer;
    private final double speed;
    private final Deque<WireUnit> inbox = new ArrayDeque<>();
    private long inboxBytes;
    private int next;
    private int messagesFromClient;
    private double lastMs;
    private long lastNanos;
    private boolean waiting;
    private boolean ended;

    ServedConnection(IoSession session, long recordedConn, List<Recorded> events, Profile profile, StreamDecoder decoder,
            JsonDiff diff, ScheduledExecutorService timer, double speed) {
        this.session = session;
        this.recordedConn = recordedConn;
        this.events = events;
        this.profile = profile;
        this.decoder = decoder;
        this.diff = diff;
        this.timer = timer;
        this.speed = speed;
    }

    @Override
    public synchronized void start() {
        LOG.info("#{} {} connected, served as recorded connection {}", session.getId(),
                Addresses.format(session.getRemoteAddress()), recordedConn);
        lastMs = events.get(0).ms();
        lastNanos = System.nanoTime();
        advance();
    }

    /** Bytes from the client. */
    @Override
    public synchronized void received(byte[] bytes) {
        for (WireUnit unit : decoder.feed(bytes)) {
            if (unit.isMessage()) {
                inbox.add(unit);
                inboxBytes += size(unit);
            } else if (unit.kind() == WireUnit.Kind.UNDECODABLE) {
                LOG.warn("#{} cannot decode what the client sends: {}", session.getId(), unit.reason());
            }
        }
        advance();
    }

    /** Bytes of a frame begun by the client and not yet complete. */
    @Override
    public synchronized long partial() {
        return decoder.held();
    }

    /** Units of the client's stream decoded so far. */
    @Override
    public synchronized long completed() {
        return decoder.decoded();
    }

    /** Bytes of client messages decoded and waiting for their place in the recording. */
    @Override
    public synchronized long queued() {
        return inboxBytes;
    }

    @Override
    public synchronized void closed() {
        ended = true;
        if (next < events.size() && !(events.get(next) instanceof Recorded.Close)) {
            LOG.info("#{} closed by the client before the end of recorded connection {}", session.getId(), recordedConn);
        } else {
            LOG.info("#{} closed, recorded connection {} played to its end", session.getId(), recordedConn);
        }
    }

    private void advance() {
        while (!waiting && !ended && next < events.size()) {
            Recorded event = events.get(next);
            if (event instanceof Recorded.Unit unit && unit.dir() == Direction.SERVER_TO_CLIENT) {
                if (due(unit)) {
                    send(unit);
                    next++;
                }
            } else if (event instanceof Recorded.Unit unit && unit.isMessage()) {
                WireUnit from = inbox.poll();
                if (from == null) {
                    return;
                }
                inboxBytes -= size(from);
                check(unit, from);
                lastMs = unit.ms();
                lastNanos = System.nanoTime();
                next++;
            } else if (event instanceof Recorded.Close close && close.by().equals("server")) {
                if (due(close)) {
                    ended = true;
                    session.closeOnFlush();
                    next++;
                }
            } else {
                next++;
            }
        }
        if (next >= events.size()) {
            inboxBytes = 0;
            for (WireUnit extra = inbox.poll(); extra != null; extra = inbox.poll()) {
                LOG.warn("#{} the client sent {} after recorded connection {} ended", session.getId(), shown(extra),
                        recordedConn);
            }
        }
    }

    private static long size(WireUnit unit) {
        return unit.wire() != null ? unit.wire().length : unit.body() == null ? 0 : unit.body().length;
    }

    /** Whether {@code event} is due now; if not, comes back when it is. */
    private boolean due(Recorded event) {
        long delay = speed == 0 ? 0
                : (long) ((event.ms() - lastMs) * 1_000_000 / speed) - (System.nanoTime() - lastNanos);
        if (delay <= 0) {
            return true;
        }
        waiting = true;
        timer.schedule(() -> {
            synchronized (this) {
                waiting = false;
                advance();
            }
        }, delay, TimeUnit.NANOSECONDS);
        return false;
    }

    private void send(Recorded.Unit unit) {
        try {
            byte[] wire = unit.wire(profile);
            session.write(IoBuffer.wrap(wire));
            LOG.info("#{} server>client {} B, as recorded at {} ms", session.getId(), wire.length,
                    String.format(Locale.ROOT, "%.3f", unit.ms()));
        } catch (PayloadException e) {
            LOG.warn("#{} cannot write the recorded reply at {} ms: {}", session.getId(), unit.ms(), e.getMessage());
        }
        lastMs = unit.ms();
        lastNanos = System.nanoTime();
    }

    private void check(Recorded.Unit recorded, WireUnit received) {
        messagesFromClient++;
        JsonNode json = received.kind() == WireUnit.Kind.FRAME ? RecordedBody.json(profile.payload(), received.body())
                : RecordedBody.rawJson(received.body());
        List<String> differences;
        if (recorded.json() != null && json != null) {
            differences = diff.compare(recorded.json(), json);
        } else {
            try {
                differences = Arrays.equals(recorded.body(profile.payload()), received.body()) ? List.of()
                        : List.of("body: recorded " + recorded.size() + " B, received " + received.size() + " B");
            } catch (PayloadException e) {
                differences = List.of("cannot read the recorded message: " + e.getMessage());
            }
        }
        if (!differences.isEmpty()) {
            LOG.warn("#{} client message {} differs from recorded connection {}: {}", session.getId(), messagesFromClient,
                    recordedConn, String.join("; ", differences));
        }
    }

    private String shown(WireUnit unit) {
        JsonNode json = unit.kind() == WireUnit.Kind.FRAME ? RecordedBody.json(profile.payload(), unit.body())
                : RecordedBody.rawJson(unit.body());
        return json != null ? json.toString() : unit.size() + " B";
    }
}
