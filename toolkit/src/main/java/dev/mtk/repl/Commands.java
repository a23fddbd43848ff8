package dev.mtk.repl;

import dev.mtk.internal.Durations;
import dev.mtk.internal.HostPort;
import dev.mtk.payload.NamedPayload;
import dev.mtk.plugin.PluginInfo;
import dev.mtk.plugin.Registry;
import dev.mtk.script.Expectation;
import dev.mtk.session.Message;
import dev.mtk.session.Profile;
import dev.mtk.spi.PayloadException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.codehaus.groovy.runtime.FormatHelper;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * What one line typed into the REPL does, and the state lines share: the sessions, the current one, {@code hex},
 * the Groovy binding. Used from the REPL's thread; frames arrive on I/O threads and are printed through
 * {@link ReplOutput#event}.
 */
final class Commands implements ReplSession.Events, AutoCloseable {
    enum Outcome { GO_ON, QUIT }

    /** The host of an address typed as a port alone. */
    private static final String LOOPBACK = "127.0.0.1";
    private static final AttributedStyle FAINT = AttributedStyle.DEFAULT.faint();
    /** {@code [opaque=7 opcode=1] BODY}: header fields before a body, as a frame's line shows them. */
    private static final Pattern HEADER_FIELDS = Pattern.compile(
            "\\[\\s*((?:[A-Za-z][\\w-]*=[^\\s\\]]+\\s*)+)\\](.*)", Pattern.DOTALL);
    /** What {@code connect} takes after the address; the completer offers them. */
    static final List<String> CONNECT_OPTIONS = Registry.PROFILE_CHOICES.stream().map(key -> "--" + key).toList();

    private final ReplConfig config;
    private final ReplOutput output;
    private final FrameFormat format;
    private final Sessions sessions;
    private final ReplGroovy groovy;

    Commands(ReplConfig config, ReplOutput output, Clock clock) {
        this.config = config;
        this.output = output;
        this.format = new FrameFormat(clock);
        this.sessions = new Sessions(config.limits(), config.timeout(), config.tls(), this);
        this.groovy = new ReplGroovy(this, sessions.byId(), output.writer());
    }

    /**
     * Does what {@code input} says: a command, {@code = EXPRESSION}, or a body starting with <code>{</code> or {@code [}
     * to send. Blank lines and lines starting with {@code #} do nothing.
     *
     * @throws ReplFailure saying what was wrong
     */
    Outcome execute(String input) {
        String line = input.strip();
        if (line.isEmpty() || line.startsWith("#")) {
            return Outcome.GO_ON;
        }
        if (line.startsWith("=")) {
            evaluate(line.substring(1));
            return Outcome.GO_ON;
        }
        if (line.startsWith("{") || line.startsWith("[")) {
            send(line);
            return Outcome.GO_ON;
        }
        int space = 0;
        while (space < line.length() && !Character.isWhitespace(line.charAt(space))) {
            space++;
        }
        String name = line.substring(0, space);
        String rest = line.substring(space).strip();
        switch (name) {
            case "connect" -> connect(rest);
            case "sessions" -> {
                none(name, rest);
                list();
            }
            case "use" -> use(rest);
            case "send" -> send(body(name, rest));
            case "ack" -> {
                none(name, rest);
                sessions.require().ack();
            }
            case "exchange" -> sessions.require().exchangeTyped(body(name, rest));
            case "expect" -> expect(rest);
            case "close" -> close(rest);
            case "payload" -> payload(rest);
            case "hex" -> hex(rest);
            case "load" -> load(rest);
            case "help" -> help(rest);
            case "quit", "exit" -> {
                return Outcome.QUIT;
            }
            default -> throw unknown(name);
        }
        return Outcome.GO_ON;
    }

    /** {@code mtk 127.0.0.1:7373 json> }, with {@code #ID} once there are two sessions, or {@code mtk> }. */
    String prompt() {
        Optional<ReplSession> current = sessions.current();
        if (current.isEmpty()) {
            return "mtk> ";
        }
        ReplSession session = current.get();
        return "mtk " + (sessions.count() > 1 ? "#" + session.getId() + " " : "") + session.getPeer() + " "
                + session.payload().name() + (session.isOpen() ? "" : " (closed)") + "> ";
    }

    /**
     * {@code connect HOST:PORT [--profile P] [--framing F] [--payload C] [--exchange E] [--correlate EXPR]}: the
     * options change the profile {@code mtk repl} was started with, as they change a command's.
     */
    ReplSession connect(String arguments) {
        String address = null;
        Map<String, String> choice = new LinkedHashMap<>();
        String[] words = arguments.isBlank() ? new String[0] : arguments.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            if (CONNECT_OPTIONS.contains(option)) {
                String value;
                if (word.contains("=")) {
                    value = word.substring(word.indexOf('=') + 1);
                } else if (i + 1 < words.length) {
                    value = words[++i];
                } else {
                    throw new ReplFailure(option + " needs a value: connect HOST:PORT " + option + " "
                            + (option.equals("--correlate") ? "EXPR" : "NAME"));
                }
                choice.put(option.substring(2), unquote(value));
            } else if (word.startsWith("-")) {
                throw new ReplFailure("unknown option '" + word + "' (connect takes " + String.join(", ", CONNECT_OPTIONS)
                        + ")");
            } else if (address == null) {
                address = word;
            } else {
                throw new ReplFailure("unexpected '" + word + "': connect " + Usage.of("connect").orElseThrow().arguments());
            }
        }
        if (address == null) {
            throw new ReplFailure("connect needs an address: connect HOST:PORT, e.g. connect 127.0.0.1:7373");
        }
        String typed = address;
        HostPort target = HostPort.parse(typed, LOOPBACK, false).orElseThrow(() -> new ReplFailure(
                "invalid address '" + typed + "': expected HOST:PORT (127.0.0.1:7373) or a port"));
        Profile profile;
        try {
            profile = config.codecs().profile(config.profile(), choice, "--");
        } catch (IllegalArgumentException e) {
            throw new ReplFailure(e.getMessage(), e);
        }
        ReplSession session = sessions.connect(target, profile);
        groovy.current(session);
        output.print(new AttributedStringBuilder().append("#" + session.getId() + " connected to " + session.getPeer())
                .styled(FAINT, ", " + profile.describe()).toAttributedString());
        return session;
    }

    /**
     * {@code send [FIELD=VALUE ...] BODY}: header fields, when the framing names some, typed in brackets before the
     * body as frames show them ({@code [opaque=7] {"get":"a"}}). A JSON array never looks like that: its items are
     * not {@code NAME=VALUE}.
     */
    private void send(String typed) {
        Matcher fields = HEADER_FIELDS.matcher(typed);
        Map<String, Object> header = new LinkedHashMap<>();
        String body = typed;
        if (fields.matches()) {
            for (String field : fields.group(1).strip().split("\\s+")) {
                int equals = field.indexOf('=');
                header.put(field.substring(0, equals), field.substring(equals + 1));
            }
            body = fields.group(2).strip();
            if (body.isEmpty()) {
                throw new ReplFailure("send needs a body after the header fields: send " + typed + " {\"n\":1}");
            }
        }
        sessions.require().sendTyped(body, header);
    }

    /**
     * {@code expect [TIMEOUT] [BODY]}: the next frame (or, on a correlated session, the first waiting one) that has
     * the value {@code BODY} typed for the payload codec has, or any frame without a body. A body that is a bare
     * number needs the timeout before it.
     */
    private void expect(String rest) {
        ReplSession session = sessions.require();
        String first = rest.split("\\s+", 2)[0];
        Duration wait = config.timeout();
        String body = rest;
        if (!rest.isEmpty() && Durations.written(first)) {
            wait = Durations.parse(first).orElseThrow(() -> new ReplFailure("invalid timeout '" + first
                    + "': expected seconds (5, 0.5) or a number with ms, s or m (500ms, 2m)"));
            body = rest.substring(first.length()).strip();
        }
        if (body.isEmpty()) {
            session.expect(wait);
            return;
        }
        NamedPayload codec = session.payload();
        Object value;
        try {
            value = codec.decode(codec.parse(body));
        } catch (PayloadException e) {
            throw new ReplFailure("cannot expect " + body + ": " + e.getMessage(), e);
        }
        session.expect(Expectation.value(value, codec), wait);
    }

    ReplSession use(String id) {
        if (id.isBlank()) {
            throw new ReplFailure("use needs a session id: use ID (sessions lists them)");
        }
        ReplSession session = sessions.get(id);
        sessions.use(session);
        groovy.current(session);
        return session;
    }

    void close(String id) {
        ReplSession session = id.isBlank() ? sessions.require() : sessions.get(id);
        sessions.close(session);
        groovy.current(sessions.current().orElse(null));
        output.print("#" + session.getId() + " closed");
    }

    private void list() {
        if (sessions.count() == 0) {
            output.print("no sessions: connect HOST:PORT opens one");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "id", "peer", "profile", "framing", "payload", "state", "in", "out"});
        ReplSession current = sessions.current().orElse(null);
        for (ReplSession session : sessions.all()) {
            Profile profile = session.profile();
            rows.add(new String[] {session == current ? "*" : "", String.valueOf(session.getId()), session.getPeer(),
                profile.name(), String.valueOf(profile.framing()), session.payload().name(), session.getState(),
                String.valueOf(session.framesIn()), String.valueOf(session.framesOut())});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                text.append(i == row.length - 1 ? row[i] : String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row[i]));
            }
            output.print(text.toString().stripTrailing());
        }
    }

    private void payload(String name) {
        ReplSession session = sessions.require();
        if (name.isBlank()) {
            output.print("#" + session.getId() + " payload " + session.payload().name() + " (known: "
                    + String.join(", ", payloadNames()) + ")");
            return;
        }
        try {
            session.payload(config.codecs().payload(name));
        } catch (IllegalArgumentException e) {
            throw new ReplFailure(e.getMessage(), e);
        }
        output.print("#" + session.getId() + " payload " + name);
    }

    private void hex(String value) {
        switch (value) {
            case "" -> output.print("hex " + (format.hex() ? "on" : "off"));
            case "on" -> format.hex(true);
            case "off" -> format.hex(false);
            default -> throw new ReplFailure("hex takes on or off, not '" + value + "'");
        }
    }

    private void load(String file) {
        if (file.isBlank()) {
            throw new ReplFailure("load needs a file: load FILE.groovy");
        }
        groovy.load(Path.of(unquote(file)));
    }

    private void evaluate(String code) {
        if (code.isBlank()) {
            throw new ReplFailure("= needs a Groovy expression, e.g. = 1 + 1");
        }
        Object value = groovy.evaluate(code);
        if (value != null) {
            output.print(FormatHelper.toString(value));
        }
    }

    private void help(String name) {
        if (!name.isBlank()) {
            Usage usage = Usage.of(name).orElseThrow(() -> unknown(name));
            output.print(usage.synopsis());
            output.print("  " + usage.summary());
            return;
        }
        for (Usage usage : Usage.ALL) {
            output.print(new AttributedStringBuilder().append("  ").styled(AttributedStyle.BOLD, usage.synopsis())
                    .append("\n      ").styled(FAINT, usage.summary()).toAttributedString());
        }
        output.print("");
        output.print(new AttributedStringBuilder().append("  ").styled(AttributedStyle.BOLD, "{...} or [...]")
                .append("\n      ").styled(FAINT, "sent as send would; JSON goes on over lines until its brackets close")
                .toAttributedString());
        output.print(new AttributedStringBuilder().append("  ").styled(AttributedStyle.BOLD, "= EXPRESSION")
                .append("\n      ").styled(FAINT, "Groovy, with session, sessions and the verbs connect, use, send, request,")
                .append("\n      ").styled(FAINT, "expect, exchange, ack, close: = session.send([n: 41 + 1])").toAttributedString());
        output.print("");
        output.print("Tab completes, Ctrl-C clears the line (or stops a wait), Ctrl-D or quit leaves.");
    }

    private static void none(String name, String rest) {
        if (!rest.isEmpty()) {
            throw new ReplFailure(name + " takes no arguments, not '" + rest + "'");
        }
    }

    private static String body(String name, String rest) {
        if (rest.isEmpty()) {
            throw new ReplFailure(name + " needs a body: " + name + " {\"n\":1}");
        }
        return rest;
    }

    private static String unquote(String text) {
        String trimmed = text.strip();
        if (trimmed.length() >= 2 && (trimmed.startsWith("'") && trimmed.endsWith("'")
                || trimmed.startsWith("\"") && trimmed.endsWith("\""))) {
            return trimmed.substring(1, trimmed.length() - 1);
        }
        return trimmed;
    }

    private static ReplFailure unknown(String name) {
        return new ReplFailure("unknown command '" + name + "' ("
                + Closest.to(name, Usage.names()).map(closest -> "did you mean '" + closest + "'? ").orElse("")
                + "help lists the commands)");
    }

    Sessions sessions() {
        return sessions;
    }

    ReplOutput output() {
        return output;
    }

    /** Payload codec names, for {@code payload} and completion. */
    List<String> payloadNames() {
        return names("payload");
    }

    List<String> framingNames() {
        return names("framing");
    }

    private List<String> names(String kind) {
        return config.codecs().all().stream().filter(info -> info.kind().equals(kind)).map(PluginInfo::name).toList();
    }

    @Override
    public void sent(ReplSession session, byte[] body, int wireSize, boolean framed, Map<String, Long> header) {
        output.event(format.sent(session, body, wireSize, framed, header));
    }

    @Override
    public void received(ReplSession session, Message message, String answers) {
        output.event(format.received(session, message.body(), message.wireSize(), message.framed(), message.header(),
                answers));
    }

    @Override
    public void lost(ReplSession session, String reason) {
        output.prompt(prompt());
        output.event(format.lost(session, reason));
    }

    /** Closes every session. */
    @Override
    public void close() {
        sessions.close();
    }
}
