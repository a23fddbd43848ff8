package dev.mtk.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mtk.record.Direction;
import dev.mtk.record.Recorded;
import dev.mtk.record.RecordedBody;
import dev.mtk.record.Recording;
import dev.mtk.record.WireUnit;
import dev.mtk.session.Profile;
import dev.mtk.spi.PayloadException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a recorded server answered to each recorded request, found by the request: by its body, else by its
 * correlation key. A mock made of it answers a request wherever and whenever it comes, not by the connection's place.
 *
 * <p>A request's answer is every unit the server sent after it on its connection until the client's next message;
 * with a correlation, a reply that carries a key goes with the latest request of that key instead, so replies that
 * overtook each other are given to their own requests. The same request recorded more than once (a counter read
 * twice) gives its recorded answers in turn, starting over after the last.
 *
 * <p>Bodies compare by their JSON value where the payload reads them as JSON (so whitespace does not matter, the order
 * of members does), else byte for byte. The index keeps a 32-byte digest per recorded request and refers to the recorded
 * units: it is as large as the recording and does not grow with clients or traffic.
 */
final class RecordedAnswers {
    private final Profile profile;
    private final Map<ByteBuffer, Turns> byBody = new HashMap<>();
    private final Map<String, Turns> byKey = new HashMap<>();
    private final List<Recorded.Unit> greeting;

    /**
     * One recorded request and what the server sent for it.
     *
     * @param request the request as recorded
     * @param key     its correlation key, {@code null} when there is none
     * @param replies what the server sent for it, in recorded order; empty when it sent nothing
     */
    record Answer(Recorded.Unit request, String key, List<Recorded.Unit> replies) {
    }

    /**
     * The answer to a request, and how it was found.
     *
     * @param byBody {@code true} when the body matched, {@code false} when only the key did
     */
    record Match(Answer answer, boolean byBody) {
    }

    RecordedAnswers(Recording recording, Profile profile) {
        this.profile = profile;
        List<Recorded.Unit> firstGreeting = null;
        for (List<Recorded> events : recording.connections().values()) {
            List<Answer> answers = new ArrayList<>();
            List<Recorded.Unit> beforeAnyRequest = new ArrayList<>();
            for (Recorded event : events) {
                if (!(event instanceof Recorded.Unit unit)) {
                    continue;
                }
                if (unit.dir() == Direction.CLIENT_TO_SERVER && unit.isMessage()) {
                    answers.add(new Answer(unit, unit.key(profile), new ArrayList<>()));
                } else if (unit.dir() == Direction.SERVER_TO_CLIENT) {
                    Answer owner = owner(answers, unit.key(profile));
                    (owner == null ? beforeAnyRequest : owner.replies()).add(unit);
                }
            }
            if (firstGreeting == null) {
                firstGreeting = beforeAnyRequest;
            }
            for (Answer answer : answers) {
                ByteBuffer body = digest(answer.request().kind(), answer.request().json(), body(answer.request()));
                if (body != null) {
                    byBody.computeIfAbsent(body, b -> new Turns()).answers.add(answer);
                }
                if (answer.key() != null) {
                    byKey.computeIfAbsent(answer.key(), k -> new Turns()).answers.add(answer);
                }
            }
        }
        this.greeting = firstGreeting == null ? List.of() : List.copyOf(firstGreeting);
    }

    /** What the server sent before the first request of the first recorded connection: sent to each client first. */
    List<Recorded.Unit> greeting() {
        return greeting;
    }

    /**
     * The recorded answer to {@code request} (a received frame or unframed unit) whose body reads as {@code json}
     * ({@code null} when it does not: see {@link #json}) with key {@code key}, or null.
     */
    Match find(WireUnit request, JsonNode json, String key) {
        Turns turns = byBody.get(digest(request.kind(), json, request.body()));
        if (turns != null) {
            return new Match(turns.next(), true);
        }
        turns = key == null ? null : byKey.get(key);
        return turns == null ? null : new Match(turns.next(), false);
    }

    /** The JSON value of a received unit's body, or {@code null} when it does not read as JSON. */
    static JsonNode json(Profile profile, WireUnit unit) {
        return unit.kind() == WireUnit.Kind.FRAME ? RecordedBody.json(profile.payload(), unit.body())
                : RecordedBody.rawJson(unit.body());
    }

    /** The request a reply goes with: the latest one with its key, else the latest one. */
    private static Answer owner(List<Answer> answers, String key) {
        if (key != null) {
            for (int i = answers.size() - 1; i >= 0; i--) {
                if (key.equals(answers.get(i).key())) {
                    return answers.get(i);
                }
            }
        }
        return answers.isEmpty() ? null : answers.get(answers.size() - 1);
    }

    private byte[] body(Recorded.Unit unit) {
        try {
            return unit.body(profile.payload());
        } catch (PayloadException e) {
            return null;
        }
    }

    /** The digest a body is found by: of its JSON text when it reads as JSON, else of its bytes; by kind too. */
    private static ByteBuffer digest(WireUnit.Kind kind, JsonNode json, byte[] body) {
        if (json == null && body == null) {
            return null;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((byte) kind.ordinal());
            sha.update((byte) (json != null ? 'j' : 'b'));
            sha.update(json != null ? json.toString().getBytes(StandardCharsets.UTF_8) : body);
            return ByteBuffer.wrap(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The recorded answers to one request, given in turn. */
    private static final class Turns {
        private final List<Answer> answers = new ArrayList<>();
        private final AtomicLong next = new AtomicLong();

        Answer next() {
            return answers.get((int) Math.floorMod(next.getAndIncrement(), (long) answers.size()));
        }
    }
}
