package dev.mtk.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mtk.internal.Hex;
import dev.mtk.internal.LogText;
import dev.mtk.payload.JsonPath;
import dev.mtk.payload.NamedPayload;
import dev.mtk.record.Direction;
import dev.mtk.record.Recorded;
import dev.mtk.record.RecordedBody;
import dev.mtk.record.Recording;
import dev.mtk.record.RecordingHeader;
import dev.mtk.record.WireUnit;
import dev.mtk.session.Profile;
import dev.mtk.spi.Outbound;
import dev.mtk.spi.PayloadException;
import dev.mtk.spi.RawBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;

/**
 * A recording as a scenario script ({@code mtk replay FILE --to-groovy OUT}) that does what the recorded clients did
 * and expects what the server answered, in the recorded order, with the recorded pauses: ready to run with
 * {@code mtk run}, and to edit. With a correlation a reply is awaited by its key, not its place
 * ({@link KeyedReplies}): a request answered next is {@code c1.request([id: 7], value: [id: 7, ok: true])}, one
 * answered later is sent as {@code def c1s2 = c1.send(...)} and its reply taken with
 * {@code c1.replyTo(c1s2, value: ...)}, so the script passes however the server orders its replies.
 *
 * <p>Each message is written the way a person would write it where that sends the very same bytes
 * ({@code c1.send([n: 1])}, {@code c1.confirm()}), else as its bytes ({@code c1.send('e30='.decodeBase64())}), and a
 * frame whose header mtk would write differently, garbage and loose bytes as raw bytes ({@code c1.sendRaw(...)}). A
 * body written as base64 has a comment saying what it holds; a JSON body the client wrote with other spacing is
 * written as its value, with a comment that the bytes differ.
 */
public final class GroovyExport {
    /** Pauses shorter than this are not written: they are the time a program takes to answer, not a wait. */
    static final double SHORTEST_SLEEP_MS = 20;

    private final Recording recording;
    private final Profile profile;
    private final ReplayOptions options;
    private final NamedPayload codec;
    private final List<String> lines = new ArrayList<>();
    private final KeyedReplies pairs;

    private GroovyExport(Recording recording, Profile profile, ReplayOptions options) {
        this.recording = recording;
        this.profile = profile;
        this.options = options;
        this.codec = profile.payload();
        this.pairs = new KeyedReplies(recording, profile);
    }

    /**
     * The script for {@code recording}.
     *
     * @param source what to call the recording in the script's first comment (its file name)
     */
    public static String script(Recording recording, Profile profile, ReplayOptions options, String source) {
        return new GroovyExport(recording, profile, options).write(source);
    }

    private String write(String source) {
        RecordingHeader header = recording.header();
        int connections = recording.connections().size();
        lines.add("// Made by mtk replay from " + source + ": " + connections
                + (connections == 1 ? " connection" : " connections") + " recorded from " + header.started() + ",");
        lines.add("// profile " + profile.name() + ", framing " + profile.framing() + ", payload " + codec.name()
                + profile.exchangeText() + ". It does what the recorded clients did and expects what the server "
                + "answered. Edit away.");
        lines.add("//");
        lines.add("//   mtk run THIS.groovy [HOST:PORT]        (default: the recorded server, " + header.target() + ")");
        lines.add("");
        lines.add("def target = args ? args[0] : " + GroovyLiteral.string(header.target()));
        lines.add("def host = target.substring(0, target.lastIndexOf(':'))");
        lines.add("def port = target.substring(target.lastIndexOf(':') + 1) as int");
        lines.add("def speak = [profile: " + GroovyLiteral.string(profile.name()) + ", framing: "
                + GroovyLiteral.string(profile.framing().toString()) + ", payload: "
                + GroovyLiteral.string(codec.name()) + ", exchange: " + GroovyLiteral.string(profile.exchange().label())
                + (profile.correlation().present() ? ", correlate: "
                        + GroovyLiteral.string(profile.correlation().expression()) : "") + "]");
        lines.add("timeout = " + options.timeout().toMillis());
        double last = recording.events().isEmpty() ? 0 : recording.events().get(0).ms();
        List<Recorded> events = recording.events();
        for (int i = 0; i < events.size(); i++) {
            Recorded event = events.get(i);
            String c = "c" + event.conn();
            if (acts(event)) {
                last = pause(event, last);
            }
            if (event instanceof Recorded.Open) {
                lines.add("");
                lines.add("def " + c + " = connect(speak + [host: host, port: port])");
            } else if (event instanceof Recorded.Unit unit && unit.dir() == Direction.CLIENT_TO_SERVER) {
                Recorded.Unit reply = i + 1 < events.size() && events.get(i + 1) instanceof Recorded.Unit next
                        ? next : null;
                if (reply != null && pairs.onlyReply(unit, reply)) {
                    lines.add(request(c, unit, reply));
                    i++;
                } else {
                    lines.add(send(c, unit));
                }
            } else if (event instanceof Recorded.Unit unit) {
                Recorded.Unit request = pairs.requestOf(unit);
                lines.add(request != null ? replyTo(c, pairs.name(request), unit) : expect(c, unit));
            } else if (event instanceof Recorded.Undecodable undecodable) {
                lines.add("// here mtk could not decode what the " + (undecodable.dir() == Direction.CLIENT_TO_SERVER
                        ? "client" : "server") + " sent any more: " + undecodable.reason());
            } else if (event instanceof Recorded.Close close) {
                if (!close.by().equals("client")) {
                    lines.add("// the " + close.by() + " closed connection " + close.conn() + " here"
                            + (close.reason() == null ? "" : ": " + close.reason()));
                }
                lines.add(c + ".close()");
            }
        }
        return String.join("\n", lines) + "\n";
    }

    /** Whether the script does {@code event} itself (and so waits for its time), rather than waiting for it. */
    private static boolean acts(Recorded event) {
        return !(event instanceof Recorded.Unit unit && unit.dir() == Direction.SERVER_TO_CLIENT)
                && !(event instanceof Recorded.Undecodable);
    }

    private double pause(Recorded event, double last) {
        double gap = event.ms() - last;
        if (options.speed() > 0 && gap / options.speed() >= SHORTEST_SLEEP_MS) {
            lines.add("sleep " + Math.round(gap / options.speed()));
        }
        return event.ms();
    }

    /**
     * A message sent: {@code c1.send(...)}, or {@code def c1s2 = c1.send(...)} when a reply later is awaited by its
     * key ({@code c1.replyTo(c1s2, ...)}).
     */
    private String send(String c, Recorded.Unit unit) {
        Call call = message(unit);
        if (call == null) {
            return "// cannot write the recorded message at " + unit.ms() + " ms";
        }
        String name = pairs.name(unit);
        return (name != null && call.method().equals("send") ? "def " + name + " = " : "") + c + "." + call.text();
    }

    /** A request whose reply came next: {@code c1.request([id: 7], value: [id: 7, ok: true])}. */
    private String request(String c, Recorded.Unit unit, Recorded.Unit reply) {
        Call call = message(unit);
        Expected expected = expected(reply);
        if (call == null || !call.method().equals("send") || expected.condition() != null) {
            return send(c, unit) + "\n" + replyTo(c, pairs.name(unit), reply);
        }
        return c + ".request(" + call.argument() + ", " + expected.options() + ")" + call.comment()
                + expected.comment();
    }

    /** The reply to a request sent earlier, found by its key in whatever order replies come. */
    private String replyTo(String c, String name, Recorded.Unit reply) {
        Expected expected = expected(reply);
        if (expected.condition() != null) {
            return "assert " + c + ".replyTo(" + name + ").with " + expected.condition() + expected.comment();
        }
        return c + ".replyTo(" + name + ", " + expected.options() + ")" + expected.comment();
    }

    /**
     * A script call that sends {@code unit} as recorded.
     *
     * @param method   {@code send}, {@code sendRaw} or {@code confirm}
     * @param argument what it sends, as a Groovy expression; empty for {@code confirm}
     * @param comment  empty, or spaces and a {@code //} comment: what bytes written as base64 are, or why
     */
    private record Call(String method, String argument, String comment) {
        String text() {
            return method + "(" + argument + ")" + comment;
        }
    }

    /** The call that sends {@code unit} as recorded, or {@code null} when its recorded value cannot be written. */
    private Call message(Recorded.Unit unit) {
        byte[] body;
        try {
            body = unit.body(codec);
        } catch (PayloadException e) {
            return null;
        }
        if (unit.kind() == WireUnit.Kind.GARBAGE || unit.kind() == WireUnit.Kind.BYTES) {
            return new Call("sendRaw", base64(body), comment(body.length + " B of " + (unit.kind()
                    == WireUnit.Kind.GARBAGE ? "garbage" : "bytes that were no frame") + ": " + readable(body)));
        }
        if (unit.wire() != null) {
            return new Call("sendRaw", base64(unit.wire()), comment("a frame whose header mtk writes differently, "
                    + "body " + readable(body)));
        }
        if (isConfirmation(unit, body)) {
            return new Call("confirm", "", "");
        }
        if (unit.kind() == WireUnit.Kind.RAW) {
            return new Call("sendRaw", GroovyLiteral.string(new String(body, StandardCharsets.UTF_8)), "");
        }
        String literal = sendable(unit.json(), body);
        if (literal != null) {
            return new Call("send", literal, "");
        }
        String value = sameValue(unit.json());
        if (value != null) {
            return new Call("send", value, comment("recorded as " + readable(body) + ": the same value, other "
                    + "spacing; sendRaw(" + base64(body) + ") sends the very bytes"));
        }
        return new Call("send", base64(body), comment(readable(body)));
    }

    private static String comment(String text) {
        return "          // " + text;
    }

    /**
     * What a body written as base64 holds, for a comment beside it: the value where the payload codec reads it as JSON,
     * else the text where it is UTF-8 without control characters, else its bytes in hex.
     */
    private String readable(byte[] body) {
        JsonNode json = RecordedBody.json(codec, body);
        if (json != null) {
            return LogText.cut(json.toString());
        }
        JsonNode text = RecordedBody.rawJson(body);
        if (text != null && !text.textValue().matches("(?s).*\\p{Cntrl}.*")) {
            return "text " + LogText.cut(text.textValue());
        }
        return "hex " + Hex.spaced(body, 32);
    }

    /**
     * A literal that sends the recorded JSON value though not its bytes (the client wrote other spacing), or
     * {@code null}: the value read back from what {@code send} writes must be the recorded one.
     */
    private String sameValue(JsonNode json) {
        if (json == null || !json.isContainerNode()) {
            return null;
        }
        try {
            byte[] written = codec.encode(GroovyLiteral.value(json));
            return json.equals(RecordedBody.json(codec, written)) ? GroovyLiteral.of(json) : null;
        } catch (PayloadException | RuntimeException e) {
            return null;
        }
    }

    private boolean isConfirmation(Recorded.Unit unit, byte[] body) {
        Outbound confirmation = profile.confirmation();
        return (unit.kind() == WireUnit.Kind.RAW) == (confirmation instanceof RawBytes)
                && Arrays.equals(body, confirmation.body());
    }

    /** A literal that {@code send} turns into exactly {@code body}, or {@code null}. */
    private String sendable(JsonNode json, byte[] body) {
        if (json == null) {
            return null;
        }
        if (json.isTextual()) {
            // Text is sent as typed: the text payload takes it as it is, JSON parses it (so a JSON string needs its quotes).
            for (String text : List.of(json.textValue(), json.toString())) {
                if (encodes(text, body)) {
                    return GroovyLiteral.string(text);
                }
            }
            return null;
        }
        return encodes(GroovyLiteral.value(json), body) ? GroovyLiteral.of(json) : null;
    }

    private boolean encodes(Object value, byte[] body) {
        try {
            return Arrays.equals(codec.encode(value), body);
        } catch (PayloadException | RuntimeException e) {
            return false;
        }
    }

    private String expect(String c, Recorded.Unit unit) {
        if (!unit.isMessage()) {
            return "// the server sent " + unit.size() + " B of " + (unit.kind() == WireUnit.Kind.GARBAGE ? "garbage"
                    : "bytes that were no frame") + " here";
        }
        Expected expected = expected(unit);
        return c + ".expect" + (expected.condition() != null ? " " + expected.condition() : "(" + expected.options()
                + ")") + expected.comment();
    }

    /**
     * What a reply is checked by: named options ({@code value: [ok: true]}) or, when those cannot say it, a condition.
     *
     * @param options   {@code value: ...} or {@code text: ...}; {@code null} with a condition
     * @param condition a closure on the message, {@code { it.body == ... }}; {@code null} with options
     * @param comment   empty, or spaces and a {@code //} comment
     */
    private record Expected(String options, String condition, String comment) {
    }

    private Expected expected(Recorded.Unit unit) {
        if (unit.kind() == WireUnit.Kind.RAW && unit.json() != null) {
            return new Expected("text: " + GroovyLiteral.string(unit.json().textValue()), null, "");
        }
        if (unit.json() == null) {
            return new Expected(null, "{ it.body == " + base64(unit.bytes()) + " }", comment(readable(unit.bytes())));
        }
        List<String> ignored = ignoredMembers(unit.json());
        if (ignored.isEmpty()) {
            return new Expected("value: " + GroovyLiteral.of(unit.json()), null, "");
        }
        JsonNode kept = unit.json().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) kept).remove(ignored);
        List<String> keys = new ArrayList<>();
        kept.fieldNames().forEachRemaining(key -> keys.add(GroovyLiteral.string(key)));
        return new Expected(null, "{ it.value instanceof Map && it.value.subMap([" + String.join(", ", keys) + "]) == "
                + GroovyLiteral.of(kept) + " }", comment("not compared (--ignore): " + String.join(", ", ignored)));
    }

    /** Top-level members of an object that are, or hold, an ignored path: left out of the expectation. */
    private List<String> ignoredMembers(JsonNode json) {
        List<String> ignored = new ArrayList<>();
        if (!json.isObject() || options.ignore().isEmpty()) {
            return ignored;
        }
        for (Iterator<String> keys = json.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            List<Object> path = new ArrayList<>(List.of(key));
            if (holdsIgnored(json.get(key), path)) {
                ignored.add(key);
            }
        }
        return ignored;
    }

    private boolean holdsIgnored(JsonNode node, List<Object> path) {
        for (JsonPath pattern : options.ignore()) {
            if (pattern.covers(path)) {
                return true;
            }
        }
        if (node.isObject()) {
            for (Iterator<String> keys = node.fieldNames(); keys.hasNext();) {
                String key = keys.next();
                path.add(key);
                boolean held = holdsIgnored(node.get(key), path);
                path.remove(path.size() - 1);
                if (held) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                boolean held = holdsIgnored(node.get(i), path);
                path.remove(path.size() - 1);
                if (held) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String base64(byte[] bytes) {
        return "'" + Base64.getEncoder().encodeToString(bytes) + "'.decodeBase64()";
    }

}
