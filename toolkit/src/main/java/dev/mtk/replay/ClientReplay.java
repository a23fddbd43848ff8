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
import java.util.Objects;
import java.util.Set;

/**
 * Plays the client side of a recording against a server: opens each recorded connection, sends what the client sent
 * (the exact bytes, garbage included), and compares each reply with the recorded one. Events are played in recorded
 * order across all connections, on one thread, so what one connection did before another still comes first.
 *
 * <p>Without correlation replies are compared in their recorded order, so a connection whose reply does not come
 * (or that the server closes early) is given up: its later events are skipped, and the others go on. With a
 * correlation ({@code --correlate $.id}) each recorded reply is compared with the received reply of the same key,
 * in whatever order they come: a reordering is no difference, a missing reply is one difference and the connection
 * goes on, and a reply no recorded one stands for (a second reply, an unknown key) is reported when the connection
 * ends.
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
        Map<Long, Played> sessions = new HashMap<>();
        Set<Long> abandoned = new HashSet<>();
        List<Difference> differences = new ArrayList<>();
        int sent = 0;
        int compared = 0;
        Pacing pacing = new Pacing(options.speed());
        ClientConfig config = ClientConfig.builder().profile(profile).limits(limits).connectTimeout(options.timeout())
                .ioThreads(1).build();
        try (Client client = Client.open(config)) {
            pacing.start(recording.events().isEmpty() ? 0 : recording.events().get(0).ms());
            for (Recorded event : recording.events()) {
                long conn = event.conn();
                if (abandoned.contains(conn)) {
                    continue;
                }
                if (event instanceof Recorded.Open) {
                    pacing.waitFor(event.ms());
                    try {
                        sessions.put(conn, new Played(client.connect(host, port)));
                    } catch (SessionException e) {
                        differences.add(new Difference("connection " + conn + " (recorded at " + ms(event) + ")",
                                List.of(e.getMessage())));
                        abandoned.add(conn);
                    }
                } else if (event instanceof Recorded.Unit unit && sessions.containsKey(conn)) {
                    Played played = sessions.get(conn);
                    if (unit.dir() == Direction.CLIENT_TO_SERVER) {
                        pacing.waitFor(event.ms());
                        if (!send(played.session, unit, differences)) {
                            abandoned.add(conn);
                        } else {
                            sent++;
                            played.requested(unit.key(profile));
                        }
                    } else if (unit.isMessage()) {
                        compared++;
                        if (!compare(played, unit, differences)) {
                            abandoned.add(conn);
                        }
                    }
                } else if (event instanceof Recorded.Close && sessions.containsKey(conn)) {
                    pacing.waitFor(event.ms());
                    Played played = sessions.remove(conn);
                    unexpected(played, conn, differences);
                    played.session.close();
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

    /**
     * Receives the reply that stands for {@code unit} and compares it; {@code false} when the rest of the connection
     * cannot be played. Without correlation that is the next message, and a reply that does not come leaves the
     * connection out of step. With it, the reply with the recorded key, among those waiting and those to come
     * (without a key: the next one without a key), so a missing reply is only itself.
     */
    private boolean compare(Played played, Recorded.Unit unit, List<Difference> differences) {
        String key = unit.key(profile);
        String what = where(unit, "reply " + played.nextReply() + (key == null ? "" : " (" + keyed(key) + ")"));
        boolean correlated = profile.correlation().present();
        Message received;
        try {
            received = !correlated ? played.session.receive(options.timeout())
                    : played.session.receive(message -> Objects.equals(key, profile.key(message)), options.timeout());
        } catch (ReceiveTimeoutException e) {
            if (correlated) {
                differences.add(new Difference(what, List.of("recorded " + recorded(unit) + ", received "
                        + (key == null ? "no reply without " + profile.correlation().expression() : "no reply with "
                                + keyed(key)) + " within " + options.timeout().toMillis() + " ms")));
                return true;
            }
            differences.add(new Difference(what, List.of("recorded " + recorded(unit) + ", received nothing within "
                    + options.timeout().toMillis() + " ms; the rest of this connection is skipped")));
            return false;
        } catch (SessionException e) {
            differences.add(new Difference(what, List.of("recorded " + recorded(unit) + ", but the " + e.getMessage()
                    + "; the rest of this connection is skipped")));
            return false;
        }
        played.answered(key);
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

    /**
     * Replies that came and stood for no recorded one, already there when the connection is closed. With correlation
     * each says why: a second reply to one request, a reply to a request whose reply was not recorded, or a key that
     * no request sent had.
     */
    private void unexpected(Played played, long conn, List<Difference> differences) {
        List<String> extra = new ArrayList<>();
        while (true) {
            Message message;
            try {
                message = played.session.receive(Duration.ZERO);
            } catch (SessionException e) {
                break;
            }
            extra.add(played.unexpected(profile.key(message)) + ", received " + message.render());
        }
        if (!extra.isEmpty()) {
            differences.add(new Difference("connection " + conn + ": replies after the recorded ones", extra));
        }
    }

    private String keyed(String key) {
        return profile.correlation().expression() + " " + key;
    }

    /** One connection being played: its session, and what was asked and answered, to tell extra replies apart. */
    private final class Played {
        private final ClientSession session;
        private final Set<String> requested = new HashSet<>();
        private final Set<String> answered = new HashSet<>();
        private int replies;

        Played(ClientSession session) {
            this.session = session;
        }

        int nextReply() {
            return ++replies;
        }

        void requested(String key) {
            if (key != null) {
                requested.add(key);
            }
        }

        void answered(String key) {
            if (key != null) {
                answered.add(key);
            }
        }

        String unexpected(String key) {
            if (key == null) {
                return "not recorded";
            }
            if (answered.contains(key)) {
                return "a second reply with " + keyed(key);
            }
            return requested.contains(key) ? "a reply with " + keyed(key) + ", which was not recorded"
                    : "a reply with " + keyed(key) + ", which no request had";
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
