package dev.mtk.cli;

import dev.mtk.internal.HostPort;
import dev.mtk.payload.JsonPayloadCodec;
import dev.mtk.session.Client;
import dev.mtk.session.ClientConfig;
import dev.mtk.session.ClientSession;
import dev.mtk.session.Profile;
import dev.mtk.session.SeedMessage;
import dev.mtk.session.Sent;
import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.PayloadException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code mtk client}: sends each message (each {@code -e}, else what standard input holds when it is not a terminal,
 * else the seed's own message) and does the profile's exchange for it: the seed's (wait for the acknowledgement,
 * confirm with {@code ok}), request and reply (paired by id with {@code --correlate}), or one way. Then
 * {@code send over}. Every message is read and checked before the client connects.
 */
final class ClientCommand implements ConnectingCommand {
    private static final String MESSAGE = "message";
    private static final String TIMEOUT = "timeout";
    /** How long standard input may stay open, nothing said, before the client says it is waiting for its end. */
    static final Duration QUIET_STDIN = Duration.ofSeconds(1);

    @Override
    public String name() {
        return "client";
    }

    @Override
    public String summary() {
        return "send messages and wait for what the exchange awaits: the reply, or the seed's acknowledgement";
    }

    @Override
    public List<String> examples() {
        return List.of("mtk client                          # the seed's message to 127.0.0.1:7373",
                "mtk client --profile reply --correlate '$.id' -e '{\"id\":1}' -e '{\"id\":2}'",
                "mtk client 127.0.0.1:7373 -e '{\"id\": 1}' -e '{\"id\": 2}'",
                "printf '{\"n\":1}\\n' | mtk client [::1]:7373   # one exchange per JSON value",
                "mtk client -e @request.json         # one message from a file");
    }

    @Override
    public Options options() {
        Options options = CommonOptions.addClient(new Options());
        options.addOption(Option.builder("e").longOpt(MESSAGE).hasArg().argName("PAYLOAD")
                .desc("a message to send, as typed for the profile's payload; @FILE for a file's content, @- for "
                        + "standard input's (repeatable); default: standard input when it is not a terminal and not "
                        + "empty (JSON values one after another for the json payload, else one message a line), else "
                        + "the seed's sample message").get());
        options.addOption(Option.builder().longOpt(TIMEOUT).hasArg().argName("DURATION")
                .desc("how long to wait to connect and for each reply or acknowledgement, e.g. 5, 0.5, 500ms (default 5)").get());
        return options;
    }

    @Override
    public int run(CommandLine line, Console console) throws PayloadException {
        Profile profile = CommonOptions.profile(line, CommonOptions.codecs(line, console));
        Duration timeout = line.hasOption(TIMEOUT)
                ? OptionValues.duration("--" + TIMEOUT, line.getOptionValue(TIMEOUT))
                : ClientConfig.DEFAULT_TIMEOUT;
        HostPort address = CommonOptions.connectTo(line);
        FrameLimits limits = CommonOptions.limits(line);
        List<Outgoing> messages = bodies(profile, line, console);
        List<byte[]> bodies = checked(messages, limits, profile);
        checkKeys(profile, messages);
        ClientConfig config = ClientConfig.builder().profile(profile).limits(limits).connectTimeout(timeout)
                .tls(CommonOptions.tls(line, console)).build();
        try (Client client = Client.open(config)) {
            ClientSession session = client.connect(address.host(), address.port());
            switch (profile.exchange()) {
                case SEED -> {
                    for (byte[] body : bodies) {
                        session.exchange(body, timeout);
                    }
                }
                case REPLY -> requests(session, bodies, timeout);
                case ONE_WAY -> {
                    for (byte[] body : bodies) {
                        session.send(body);
                    }
                }
            }
            session.close();
        }
        console.out().println("send over");
        return 0;
    }

    /**
     * Request and reply. Paired by a key, every request goes out at once and each reply is taken by its key, in
     * whatever order they come; without one, each request waits for the next message.
     */
    private static void requests(ClientSession session, List<byte[]> bodies, Duration timeout) throws PayloadException {
        if (!session.profile().correlation().present()) {
            for (byte[] body : bodies) {
                session.request(body, timeout);
            }
            return;
        }
        List<Sent> sent = new ArrayList<>();
        for (byte[] body : bodies) {
            sent.add(session.send(body));
        }
        for (Sent request : sent) {
            session.replyTo(request, timeout);
        }
    }

    /**
     * With {@code --correlate}, every message has a key and no two have the same, else a reply could not be paired
     * with its request: checked before connecting.
     */
    private static void checkKeys(Profile profile, List<Outgoing> messages) {
        if (!profile.correlation().present()) {
            return;
        }
        Map<String, String> seen = new HashMap<>();
        for (Outgoing message : messages) {
            String key = profile.key(profile.outbound(new Frame(message.body())));
            String expression = profile.correlation().expression();
            if (key == null) {
                throw new UsageException(message.origin() + ": no " + expression + " in the message, so its reply "
                        + "cannot be paired with it (--correlate)");
            }
            String earlier = seen.putIfAbsent(key, message.origin());
            if (earlier != null) {
                throw new UsageException(message.origin() + ": " + expression + " " + key + " is also " + earlier
                        + "'s; each request needs its own (--correlate)");
            }
        }
    }

    /**
     * The bodies, each no larger than {@code --max-frame} (a server with the same limit closes the connection on a
     * larger frame, and the client used to send it and then blame TLS for the close) and each one the framing can
     * send (a whole frame with the right magic, length and trailer).
     */
    private static List<byte[]> checked(List<Outgoing> messages, FrameLimits limits, Profile profile) {
        List<byte[]> bodies = new ArrayList<>();
        for (Outgoing message : messages) {
            if (message.body().length > limits.maxFrame()) {
                throw new UsageException(message.origin() + ": the message is " + message.body().length
                        + " B, more than --max-frame " + limits.maxFrame() + " B (a server with that limit closes "
                        + "the connection; raise --max-frame on both sides)");
            }
            try {
                // A whole-frame framing checks magic, length and trailer of what it is given to send.
                profile.frame(message.body(), Map.of());
            } catch (IllegalArgumentException e) {
                throw new UsageException(message.origin() + ": " + e.getMessage());
            }
            bodies.add(message.body());
        }
        return bodies;
    }

    /**
     * The bodies to send, every one read and checked before anything is sent: each {@code -e} (a value as typed,
     * {@code @FILE} for a file's content, {@code @-} for standard input's), else standard input when it is not a
     * terminal and not empty, else the seed's sample. Standard input is a stream of JSON values for the {@code json}
     * payload (a pretty-printed document is one message), one message per non-blank line for any other.
     */
    private static List<Outgoing> bodies(Profile profile, CommandLine line, Console console) {
        List<Outgoing> bodies = new ArrayList<>();
        if (line.hasOption(MESSAGE)) {
            String[] values = line.getOptionValues(MESSAGE);
            boolean stdinTaken = false;
            for (int i = 0; i < values.length; i++) {
                String origin = "-e #" + (i + 1);
                String value = values[i];
                if (value.equals("@-")) {
                    if (stdinTaken) {
                        throw new UsageException(origin + ": standard input was already read by an earlier -e @-");
                    }
                    stdinTaken = true;
                    value = withoutFinalLineBreak(readStdin(console, "a message"));
                    origin += " (standard input)";
                } else if (value.startsWith("@") && value.length() > 1) {
                    value = withoutFinalLineBreak(readFile(origin, value.substring(1)));
                    origin = "-e #" + (i + 1) + " (" + values[i].substring(1) + ")";
                }
                bodies.add(body(profile, new Typed(value, origin)));
            }
            return bodies;
        }
        if (!console.stdinTerminal()) {
            String input = readStdin(console, "messages");
            if (!input.isBlank()) {
                return stream(profile, input);
            }
        }
        bodies.add(new Outgoing(SeedMessage.body(profile.payload()), "the seed's sample"));
        return bodies;
    }

    private static List<Outgoing> stream(Profile profile, String input) {
        List<Outgoing> bodies = new ArrayList<>();
        if (profile.payload().codec() instanceof JsonPayloadCodec json) {
            try {
                for (byte[] body : json.parseStream(input)) {
                    bodies.add(new Outgoing(body, "stdin message " + (bodies.size() + 1)));
                }
                return bodies;
            } catch (PayloadException e) {
                throw new UsageException("stdin: " + e.getMessage());
            }
        }
        String[] lines = input.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                bodies.add(body(profile, new Typed(lines[i], "stdin line " + (i + 1))));
            }
        }
        return bodies;
    }

    private static Outgoing body(Profile profile, Typed message) {
        try {
            return new Outgoing(profile.payload().parse(message.text()), message.origin());
        } catch (PayloadException e) {
            throw new UsageException(message.origin() + ": " + e.getMessage());
        }
    }

    /**
     * All of standard input. Reading waits for its end, which a pipe from a slow or silent program may be long in
     * coming ({@code sleep 15 | mtk client}): after {@link #QUIET_STDIN} with nothing read to the end, one line on
     * standard error says what the client is waiting for; on a terminal it says so at once, and how to end.
     */
    private static String readStdin(Console console, String what) {
        String notice = console.stdinTerminal()
                ? "mtk client: reading " + what + " from standard input (end with Ctrl-D)"
                : "mtk client: waiting for standard input to end before sending (give -e to send without it)";
        if (console.stdinTerminal()) {
            console.err().println(notice);
        }
        CompletableFuture<Void> read = new CompletableFuture<>();
        if (!console.stdinTerminal()) {
            read.completeOnTimeout(null, QUIET_STDIN.toMillis(), TimeUnit.MILLISECONDS)
                    .thenRun(() -> console.err().println(notice));
        }
        try {
            return new String(console.in().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot read standard input: " + e.getMessage());
        } finally {
            read.cancel(false);
        }
    }

    private static String readFile(String origin, String name) {
        Path file = Path.of(name);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException(origin + ": no such file: " + name);
        } catch (MalformedInputException e) {
            throw new UsageException(origin + ": " + name + " is not UTF-8 text");
        } catch (IOException e) {
            throw new UsageException(origin + ": cannot read " + name + ": " + e.getMessage());
        }
    }

    /** A file or standard input usually ends with a line break that is not part of the message. */
    private static String withoutFinalLineBreak(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    /** A message as typed, and where it came from for error messages ({@code -e #2}, {@code stdin line 3}). */
    private record Typed(String text, String origin) {
    }

    /** A message's body, ready to send, and where it came from. */
    private record Outgoing(byte[] body, String origin) {
    }
}
