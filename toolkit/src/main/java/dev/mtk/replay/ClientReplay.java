package dev.mtk.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mtk.internal.Hex;
import dev.mtk.record.Direction;
import dev.mtk.record.Recorded;
import dev.mtk.record.RecordedBody;
import dev.mtk.record.Recording;
import dev.mtk.record.WireUnit;
import dev.mtk.session.Client;
import dev.mtk.session.ClientConfig;
import dev.mtk.session.ClientSession;
import dev.mtk.session.Message;
import dev.mtk.session.Profile;
import dev.mtk.session.ReceiveTimeoutException;
import dev.mtk.session.SessionException;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.PayloadException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Plays the client side of a recording against a server: opens each recorded connection, sends what the client sent
 * (the exact bytes, garbage included), and compares each reply with the recorded one. Events are played in recorded
 * order across all connections, on one thread, so what one connection did before another still comes first.
 *
 * <p>A connection whose reply does not come (or that the server closes early) is given up: its later events are
 * skipped, and the others go on.
 */
public final class ClientReplay {
    private final Recording recording;
    private final Profile profile;
    private final FrameLimits limits;
    private final ReplayOptions options;
    private final JsonDiff diff;

    public ClientReplay(Recording recording, Profile profile, FrameLimits limits, ReplayOptions options) {
        this.recording = recording;
        this.profile = profile;
        this.limits = limits;
        this.options = options;
        this.diff = new JsonDiff(options.ignore());
    }

    /** Replays against {@code host:port} and reports what differed. */
    public ReplayReport run(String host, int port) throws InterruptedException {
        Map<Long, ClientSession> sessions = new HashMap<>();
        Map<Long, Integer> replies = new HashMap<>();
        Set<Long> abandoned = new HashSet<>();
        List<Difference> differences = new ArrayList<>();
        int sent = 0;
        int compared = 0;
        Pacing pacing = new Pacing(options.speed());
        try (Client client = Client.open(new ClientConfig(profile, limits, options.timeout(), 1))) {
            pacing.start(recording.events().isEmpty() ? 0 : recording.events().get(0).ms());
            for (Recorded event : recording.events()) {
                long conn = event.conn();
                if (abandoned.contains(conn)) {
                    continue;
                }
                if (event instanceof Recorded.Open) {
                    pacing.waitFor(event.ms());
                    try {
                        sessions.put(conn, client.connect(host, port));
                    } catch (SessionException e) {
                        differences.add(new Difference("connection " + conn + " (recorded at " + ms(event) + ")",
                                List.of(e.getMessage())));
                        abandoned.add(conn);
                    }
                } else if (event instanceof Recorded.Unit unit && sessions.containsKey(conn)) {
                    ClientSession session = sessions.get(conn);
                    if (unit.dir() == Direction.CLIENT_TO_SERVER) {
                        pacing.waitFor(event.ms());
                        if (!send(session, unit, differences)) {
                            abandoned.add(conn);
                        } else {
                            sent++;
                        }
                    } else if (unit.isMessage()) {
                        int reply = replies.merge(conn, 1, Integer::sum);
                        compared++;
                        if (!compare(session, unit, reply, differences)) {
                            abandoned.add(conn);
                        }
                    }
                } else if (event instanceof Recorded.Close && sessions.containsKey(conn)) {
                    pacing.waitFor(event.ms());
                    ClientSession session = sessions.remove(conn);
                    unexpected(session, conn, differences);
                    session.close();
                }
            }
        }
        return new ReplayReport(recording.connections().size(), sent, compared, differences);
    }

    private boolean send(ClientSession session, Recorded.Unit unit, List<Difference> differences) {
        try {
            session.sendRaw(unit.wire(profile));
            return true;
        } catch (PayloadException e) {
            differences.add(new Difference(where(unit, "frame sent"), List.of("cannot write the recorded frame: "
                    + e.getMessage())));
        } catch (SessionException e) {
            differences.add(new Difference(where(unit, "frame sent"), List.of(e.getMessage()
                    + " before the recorded frame could be sent; the rest of this connection is skipped")));
        }
        return false;
    }

    /** Receives the next reply and compares it; {@code false} when none came. */
    private boolean compare(ClientSession session, Recorded.Unit unit, int reply, List<Difference> differences) {
        String what = where(unit, "reply " + reply);
        Message received;
        try {
            received = session.receive(options.timeout());
        } catch (ReceiveTimeoutException e) {
            differences.add(new Difference(what, List.of("recorded " + recorded(unit) + ", received nothing within "
                    + options.timeout().toMillis() + " ms; the rest of this connection is skipped")));
            return false;
        } catch (SessionException e) {
            differences.add(new Difference(what, List.of("recorded " + recorded(unit) + ", but the " + e.getMessage()
                    + "; the rest of this connection is skipped")));
            return false;
        }
        List<String> details = details(unit, received);
        if (!details.isEmpty()) {
            differences.add(new Difference(what + " differs", details));
        }
        return true;
    }

    private List<String> details(Recorded.Unit unit, Message received) {
        JsonNode receivedJson = received.framed() ? RecordedBody.json(profile.payload(), received.body())
                : RecordedBody.rawJson(received.body());
        if (unit.json() != null && receivedJson != null) {
            return diff.compare(unit.json(), receivedJson);
        }
        byte[] recordedBody;
        try {
            recordedBody = unit.body(profile.payload());
        } catch (PayloadException e) {
            return List.of("cannot read the recorded reply: " + e.getMessage());
        }
        if (Arrays.equals(recordedBody, received.body())) {
            return List.of();
        }
        return List.of("body: recorded " + bytes(recordedBody) + ", received " + bytes(received.body()));
    }

    /** Replies that came after the recorded ones, already there when the connection is closed. */
    private void unexpected(ClientSession session, long conn, List<Difference> differences) {
        List<String> extra = new ArrayList<>();
        while (true) {
            try {
                extra.add("not recorded, received " + session.receive(Duration.ZERO).render());
            } catch (SessionException e) {
                break;
            }
        }
        if (!extra.isEmpty()) {
            differences.add(new Difference("connection " + conn + ": replies after the recorded ones", extra));
        }
    }

    private String recorded(Recorded.Unit unit) {
        return unit.json() != null ? unit.json().toString() : bytes(unit.bytes());
    }

    private static String where(Recorded.Unit unit, String what) {
        return "connection " + unit.conn() + ", " + what + " (" + unit.kind().name().toLowerCase(Locale.ROOT)
                + " recorded at " + ms(unit) + ")";
    }

    private static String ms(Recorded event) {
        return String.format(Locale.ROOT, "%.3f ms", event.ms());
    }

    private static String bytes(byte[] bytes) {
        return bytes.length + " B " + Hex.spaced(bytes, 32) + " (\"" + new String(bytes, StandardCharsets.UTF_8)
                .replaceAll("\\p{Cntrl}", ".") + "\")";
    }
}
