package dev.mtk.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mtk.internal.Addresses;
import dev.mtk.record.Recorded;
import dev.mtk.record.StreamDecoder;
import dev.mtk.record.WireUnit;
import dev.mtk.session.Profile;
import dev.mtk.spi.PayloadException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of a mock that matches requests: each message it sends is answered with what the recorded server sent
 * for the recorded request it matches ({@link RecordedAnswers}), after the recorded delay between that request and
 * each reply (scaled by the speed), whatever connection or order it comes in. A request that matches nothing is one
 * warning line, and the client gets no answer to it.
 *
 * <p>When the correlation is a header field and the request matched by body carries another key than the recorded
 * request, each reply that carried the recorded key goes out with the request's key in that field: the client pairs
 * replies by it. A JSON path key is in the body, so a request matched by body has the recorded key already.
 */
final class MatchedConnection implements Served {
    private static final Logger LOG = LoggerFactory.getLogger("mtk.replay");
    /**
     * Replies waiting for their recorded delay, at most, per client: a client that sends faster than the recorded
     * server answered would otherwise fill the timer's queue without bound.
     */
    static final int MAX_WAITING_REPLIES = 1024;

    private final IoSession session;
    private final RecordedAnswers answers;
    private final Profile profile;
    private final StreamDecoder decoder;
    private final ScheduledExecutorService timer;
    private final double speed;
    private final AtomicInteger waiting = new AtomicInteger();

    MatchedConnection(IoSession session, RecordedAnswers answers, Profile profile, StreamDecoder decoder,
            ScheduledExecutorService timer, double speed) {
        this.session = session;
        this.answers = answers;
        this.profile = profile;
        this.decoder = decoder;
        this.timer = timer;
        this.speed = speed;
    }

    @Override
    public void start() {
        LOG.info("#{} {} connected, each request answered as recorded for the request it matches", session.getId(),
                Addresses.format(session.getRemoteAddress()));
        for (Recorded.Unit greeting : answers.greeting()) {
            write(greeting, null);
        }
    }

    @Override
    public synchronized void received(byte[] bytes) {
        for (WireUnit unit : decoder.feed(bytes)) {
            if (unit.isMessage()) {
                answer(unit);
            } else if (unit.kind() == WireUnit.Kind.UNDECODABLE) {
                LOG.warn("#{} cannot decode what the client sends: {}", session.getId(), unit.reason());
            }
        }
    }

    private void answer(WireUnit request) {
        String key = request.key(profile);
        // Read once: the lookup and the log lines both need the body's JSON value.
        JsonNode json = RecordedAnswers.json(profile, request);
        RecordedAnswers.Match match = answers.find(request, json, key);
        if (match == null) {
            LOG.warn("#{} no recorded reply for {}{}: no recorded request has this body{}; record a conversation that "
                    + "has it, or serve connections in their recorded order with --stateful", session.getId(),
                    shown(request, json),
                    key == null ? "" : " (" + profile.correlation().expression() + " " + key + ")",
                    profile.correlation().present() ? " or this " + profile.correlation().expression() : "");
            return;
        }
        RecordedAnswers.Answer answer = match.answer();
        LOG.info("#{} client>server {}, matches by {} the request recorded on connection {} at {} ms", session.getId(),
                shown(request, json), match.byBody() ? "body" : profile.correlation().expression(),
                answer.request().conn(), ms(answer.request()));
        String rewrite = key != null && !key.equals(answer.key()) && profile.correlation().headerField() != null
                ? key : null;
        for (Recorded.Unit reply : answer.replies()) {
            String newKey = rewrite != null && answer.key().equals(reply.key(profile)) ? rewrite : null;
            long delay = speed == 0 ? 0 : (long) ((reply.ms() - answer.request().ms()) * 1_000_000 / speed);
            if (delay <= 0) {
                write(reply, newKey);
            } else if (waiting.incrementAndGet() > MAX_WAITING_REPLIES) {
                waiting.decrementAndGet();
                LOG.warn("#{} closed: more than {} replies waiting for their recorded delay; replay faster "
                        + "(--speed 0) or send slower", session.getId(), MAX_WAITING_REPLIES);
                session.closeNow();
                return;
            } else {
                timer.schedule(() -> {
                    waiting.decrementAndGet();
                    write(reply, newKey);
                }, delay, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Writes a recorded reply, with {@code key} in the correlation's header field when it is not {@code null}. */
    private void write(Recorded.Unit reply, String key) {
        if (!session.isConnected()) {
            return;
        }
        try {
            byte[] wire = reply.wire(profile);
            if (key != null) {
                wire = wire.clone();
                profile.fields().write(wire, Map.of(profile.correlation().headerField(), key));
            }
            session.write(IoBuffer.wrap(wire));
            LOG.info("#{} server>client {} B, as recorded at {} ms", session.getId(), wire.length, ms(reply));
        } catch (PayloadException | IllegalArgumentException e) {
            LOG.warn("#{} cannot write the recorded reply at {} ms: {}", session.getId(), ms(reply), e.getMessage());
        }
    }

    @Override
    public synchronized long partial() {
        return decoder.held();
    }

    @Override
    public synchronized long completed() {
        return decoder.decoded();
    }

    /** Nothing waits: each request is answered (or refused) as soon as it is decoded. */
    @Override
    public long queued() {
        return 0;
    }

    @Override
    public void closed() {
        LOG.info("#{} closed", session.getId());
    }

    private static String ms(Recorded event) {
        return String.format(Locale.ROOT, "%.3f", event.ms());
    }

    private static String shown(WireUnit unit, JsonNode json) {
        return json != null ? json.toString() : unit.size() + " B";
    }
}
