package dev.mtk.cli;

import dev.mtk.session.Client;
import dev.mtk.session.ClientConfig;
import dev.mtk.session.ClientSession;
import dev.mtk.session.Profile;
import dev.mtk.session.SeedMessage;
import dev.mtk.spi.PayloadException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code mtk client}: the seed's client. For each message (each {@code -e}, else each line of standard input when it
 * is not a terminal, else the seed's own message): send it, wait for the acknowledgement, confirm with {@code ok}.
 * Then {@code send over}.
 */
final class ClientCommand implements ConnectingCommand {
    private static final String MESSAGE = "message";
    private static final String TIMEOUT = "timeout";

    @Override
    public String name() {
        return "client";
    }

    @Override
    public String summary() {
        return "send messages and do the seed's exchange for each (send, acknowledgement, ok)";
    }

    @Override
    public List<String> examples() {
        return List.of("mtk client                          # the seed's message to 127.0.0.1:7373",
                "mtk client 127.0.0.1:7373 -e '{\"id\": 1}' -e '{\"id\": 2}'",
                "printf '{\"n\":1}\\n' | mtk client [::1]:7373   # one exchange per line");
    }

    @Override
    public Options options() {
        Options options = CommonOptions.addClient(new Options());
        options.addOption(Option.builder("e").longOpt(MESSAGE).hasArg().argName("PAYLOAD")
                .desc("a message to send, as typed for the profile's payload (repeatable); default: each line of "
                        + "standard input when it is not a terminal, else the seed's sample message").get());
        options.addOption(Option.builder().longOpt(TIMEOUT).hasArg().argName("DURATION")
                .desc("how long to wait to connect and for each acknowledgement, e.g. 5, 0.5, 500ms (default 5)").get());
        return options;
    }

    @Override
    public int run(CommandLine line, Console console) throws PayloadException {
        Profile profile = CommonOptions.profile(line, CommonOptions.codecs(line, console));
        Duration timeout = line.hasOption(TIMEOUT)
                ? OptionValues.duration("--" + TIMEOUT, line.getOptionValue(TIMEOUT))
                : ClientConfig.DEFAULT_TIMEOUT;
        HostPort address = CommonOptions.connectTo(line);
        Iterator<byte[]> bodies = bodies(profile, line, console);
        ClientConfig config = new ClientConfig(profile, CommonOptions.limits(line), timeout, 0,
                CommonOptions.tls(line, console));
        try (Client client = Client.open(config)) {
            ClientSession session = client.connect(address.host(), address.port());
            while (bodies.hasNext()) {
                session.exchange(bodies.next(), timeout);
            }
            session.close();
        }
        console.out().println("send over");
        return 0;
    }

    /**
     * The bodies to send: {@code -e} values are all checked before anything is sent; standard input is read and
     * checked a line at a time, so a pipe is answered as it flows.
     */
    private static Iterator<byte[]> bodies(Profile profile, CommandLine line, Console console) {
        if (line.hasOption(MESSAGE)) {
            String[] values = line.getOptionValues(MESSAGE);
            List<byte[]> bodies = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                bodies.add(body(profile, new Typed(values[i], "-e #" + (i + 1))));
            }
            return bodies.iterator();
        }
        if (!console.stdinTerminal()) {
            StdinLines lines = new StdinLines(new BufferedReader(new InputStreamReader(console.in(), StandardCharsets.UTF_8)));
            if (!lines.hasNext()) {
                throw new UsageException("no messages: standard input is not a terminal and had no lines "
                        + "(give -e PAYLOAD, or pipe one message per line)", false);
            }
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return lines.hasNext();
                }

                @Override
                public byte[] next() {
                    return body(profile, lines.next());
                }
            };
        }
        return List.of(SeedMessage.body(profile.payload())).iterator();
    }

    private static byte[] body(Profile profile, Typed message) {
        try {
            return profile.payload().parse(message.text());
        } catch (PayloadException e) {
            throw new UsageException(message.origin() + ": " + e.getMessage(), false);
        }
    }

    /** A message as typed, and where it came from for error messages ({@code -e #2}, {@code stdin line 3}). */
    private record Typed(String text, String origin) {
    }

    /** Non-blank lines of standard input, read as they are needed, so a pipe is answered line by line. */
    private static final class StdinLines implements Iterator<Typed> {
        private final BufferedReader reader;
        private Typed next;
        private int lineNumber;

        StdinLines(BufferedReader reader) {
            this.reader = reader;
        }

        @Override
        public boolean hasNext() {
            try {
                while (next == null) {
                    String text = reader.readLine();
                    if (text == null) {
                        return false;
                    }
                    lineNumber++;
                    if (!text.isBlank()) {
                        next = new Typed(text, "stdin line " + lineNumber);
                    }
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read standard input", e);
            }
        }

        @Override
        public Typed next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Typed current = next;
            next = null;
            return current;
        }
    }
}
