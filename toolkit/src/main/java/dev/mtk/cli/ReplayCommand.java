package dev.mtk.cli;

import dev.mtk.internal.Addresses;
import dev.mtk.internal.HostPort;
import dev.mtk.plugin.Registry;
import dev.mtk.record.Recording;
import dev.mtk.record.RecordingException;
import dev.mtk.record.RecordingHeader;
import dev.mtk.replay.ClientReplay;
import dev.mtk.replay.Difference;
import dev.mtk.replay.GroovyExport;
import dev.mtk.payload.JsonPath;
import dev.mtk.replay.ReplayOptions;
import dev.mtk.replay.ReplayReport;
import dev.mtk.replay.ServerReplay;
import dev.mtk.session.Listener;
import dev.mtk.session.Profile;
import dev.mtk.session.SessionLimits;
import dev.mtk.spi.FrameLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code mtk replay FILE}: plays a recording's client side against a server ({@code --as client --target}), serves its
 * server side ({@code --as server --listen}), or writes it as a scenario script ({@code --to-groovy}).
 */
final class ReplayCommand implements Command {
    private static final String AS = "as";
    private static final String SPEED = "speed";
    private static final String IGNORE = "ignore";
    private static final String TIMEOUT = "timeout";
    private static final String TO_GROOVY = "to-groovy";
    private static final String STATEFUL = "stateful";

    private final StopSignal stop;

    ReplayCommand(StopSignal stop) {
        this.stop = stop;
    }

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String summary() {
        return "play a recording: its client side against a server, its server side to clients, or as a script";
    }

    @Override
    public String arguments() {
        return "FILE (--as client --target HOST:PORT | --as server --listen [HOST:]PORT | --to-groovy FILE) [options]";
    }

    @Override
    public boolean takesArguments() {
        return true;
    }

    @Override
    public List<String> examples() {
        return List.of("mtk replay session.jsonl --as client --target 127.0.0.1:7373",
                "mtk replay session.jsonl --as server --listen 0",
                "mtk replay session.jsonl --to-groovy session.groovy");
    }

    @Override
    public Options options() {
        Options options = new Options();
        options.addOption(Option.builder().longOpt(AS).hasArg().argName("client|server")
                .desc("which side to play").get());
        options.addOption(Option.builder().longOpt(ProxyCommand.TARGET).hasArg().argName("HOST:PORT")
                .desc("the server to play the client side against (--as client)").get());
        options.addOption(Option.builder().longOpt(ProxyCommand.LISTEN).hasArg().argName("[HOST:]PORT")
                .desc("where to serve the server side (--as server); port 0 picks a free one").get());
        options.addOption(Option.builder().longOpt(SPEED).hasArg().argName("FACTOR")
                .desc("1.0 keeps the recorded timing (default), 2 is twice as fast, 0 as fast as possible").get());
        options.addOption(Option.builder().longOpt(IGNORE).hasArg().argName("JSONPATH")
                .desc("leave out of comparisons, e.g. $.time or $..timestamp; repeatable").get());
        options.addOption(Option.builder().longOpt(TIMEOUT).hasArg().argName("DURATION")
                .desc("how long to wait for each recorded reply, also for connecting (default 5s)").get());
        options.addOption(Option.builder().longOpt(STATEFUL)
                .desc("--as server: serve each client one recorded connection in its recorded order, instead of "
                        + "answering each request with the recorded reply of the request it matches").get());
        options.addOption(Option.builder().longOpt(TO_GROOVY).hasArg().argName("FILE")
                .desc("write a scenario script that does what the recording did, instead of replaying").get());
        ListenOptions.addTo(options);
        return CodecOptions.addTo(options);
    }

    @Override
    public int run(CommandLine first, Console console) throws Exception {
        CommandLine line = withOptionsAfterTheFile(first);
        List<String> words = line.getArgList();
        if (words.size() != 1) {
            throw new UsageException(words.isEmpty() ? "no recording given" : "one recording at a time, not "
                    + String.join(" ", words));
        }
        refuseReplayingOptionsWithGroovy(line);
        Path script = line.hasOption(TO_GROOVY) ? Path.of(line.getOptionValue(TO_GROOVY)) : null;
        if (script != null && OutputFile.refused(console, "--" + TO_GROOVY, script)) {
            return Mtk.USAGE;
        }
        Recording recording = read(Path.of(words.get(0)));
        Registry registry = CommonOptions.codecs(line, console);
        Profile profile = profile(line, recording.header(), registry);
        FrameLimits limits = CommonOptions.limits(line);
        ReplayOptions options = options(line);
        if (script != null) {
            return writeScript(recording, profile, options, Path.of(words.get(0)), script, console);
        }
        String as = ProxyCommand.required(line, AS).toLowerCase(Locale.ROOT);
        return switch (as) {
            case "client" -> {
                refuseListenOptions(line);
                if (line.hasOption(STATEFUL)) {
                    throw new UsageException("--" + STATEFUL + " applies to --as server, not --as client");
                }
                yield playClient(line, recording, profile, limits, options, console);
            }
            case "server" -> serve(line, recording, profile, limits, options, console);
            default -> throw new UsageException("invalid --as '" + line.getOptionValue(AS) + "': expected client or server");
        };
    }

    /** {@code --to-groovy} writes a script instead of replaying (as the usage line says): no {@code --as} with it. */
    private static void refuseReplayingOptionsWithGroovy(CommandLine line) {
        if (!line.hasOption(TO_GROOVY)) {
            return;
        }
        for (String option : new String[] {AS, ProxyCommand.TARGET, ProxyCommand.LISTEN, STATEFUL}) {
            if (line.hasOption(option)) {
                throw new UsageException("--" + TO_GROOVY + " writes a script instead of replaying: not with --" + option);
            }
        }
    }

    /** The limits of a listening replay mean nothing to one that connects: refused rather than ignored. */
    private static void refuseListenOptions(CommandLine line) {
        for (Option option : line.getOptions()) {
            if (ListenOptions.addTo(new Options()).hasLongOption(option.getLongOpt())) {
                throw new UsageException("--" + option.getLongOpt() + " applies to --as server, not --as client");
            }
        }
    }

    private int playClient(CommandLine line, Recording recording, Profile profile, FrameLimits limits,
            ReplayOptions options, Console console) throws InterruptedException {
        HostPort target = OptionValues.address("--" + ProxyCommand.TARGET, ProxyCommand.required(line, ProxyCommand.TARGET),
                "127.0.0.1", false);
        ReplayReport report = new ClientReplay(recording, profile, limits, options).run(target.host(), target.port());
        for (Difference difference : report.differences()) {
            console.out().println(difference.describe());
        }
        console.out().println(report.summary());
        console.out().flush();
        return report.matches() ? Mtk.OK : Mtk.FAILED;
    }

    private int serve(CommandLine line, Recording recording, Profile profile, FrameLimits limits, ReplayOptions options,
            Console console) throws InterruptedException {
        HostPort listen = OptionValues.address("--" + ProxyCommand.LISTEN, ProxyCommand.required(line, ProxyCommand.LISTEN),
                "127.0.0.1", true);
        SessionLimits sessions = ListenOptions.limits(line).build();
        ServerReplay server;
        try {
            server = ServerReplay.start(recording, profile, limits, options, Listener.settings().limits(sessions)
                    .idleSeconds(ListenOptions.idleSeconds(line)), listen.host(), listen.port());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try (server) {
            for (String warning : server.warnings()) {
                console.err().println("mtk: warning: " + warning);
            }
            int connections = recording.connections().size();
            console.out().println("listening on " + Addresses.format(server.address()) + " (replaying the server side of "
                    + connections + (connections == 1 ? " recorded connection" : " recorded connections") + ", "
                    + (options.stateful() ? "each client served one in its recorded order"
                            : "each request answered as recorded for the request it matches by body"
                                    + (profile.correlation().present() ? " or " + profile.correlation().expression() : ""))
                    + ", profile " + profile.name() + ", framing " + profile.framing() + ", payload "
                    + profile.payload().name() + profile.exchangeText() + ", "
                    + ListenOptions.describe(sessions, server.maxConnections()) + ")");
            console.out().flush();
            stop.arm();
            stop.await();
        }
        console.out().println("replay stopped");
        console.out().flush();
        return Mtk.OK;
    }

    /**
     * The command line with the options after FILE parsed too: the command takes an argument, so parsing stopped at
     * FILE ({@code mtk replay FILE --as client ...}, the way the issue writes it).
     */
    private CommandLine withOptionsAfterTheFile(CommandLine line) {
        List<String> words = line.getArgList();
        if (words.size() <= 1) {
            return line;
        }
        List<String> args = new ArrayList<>();
        for (Option option : line.getOptions()) {
            args.add("--" + option.getLongOpt());
            if (option.hasArg()) {
                args.add(option.getValue());
            }
        }
        args.addAll(words);
        try {
            CommandLine all = DefaultParser.builder().setStripLeadingAndTrailingQuotes(false).get()
                    .parse(options(), args.toArray(String[]::new), false);
            Logging.conversation(all.hasOption(CommonOptions.QUIET));
            return all;
        } catch (ParseException e) {
            String message = e.getMessage();
            throw new UsageException(message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1));
        }
    }

    private static int writeScript(Recording recording, Profile profile, ReplayOptions options, Path source, Path out,
            Console console) {
        try {
            Files.writeString(out, GroovyExport.script(recording, profile, options, source.getFileName().toString()));
        } catch (IOException e) {
            console.err().println(OutputFile.message("--" + TO_GROOVY, out, OutputFile.reason(out, e)));
            return Mtk.FAILED;
        }
        console.out().println("wrote " + out + " (" + recording.connections().size() + (recording.connections().size() == 1 ? " connection, " : " connections, ")
                + recording.events().size() + " events); run it with: mtk run " + out + " [HOST:PORT]");
        return Mtk.OK;
    }

    private static Recording read(Path file) {
        try {
            return Recording.read(file);
        } catch (RecordingException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * The recording's profile, framing, payload, exchange and correlation, each unless its option says otherwise. A
     * recording made before headers named the exchange gets its profile's (the seed's for {@code json}), uncorrelated.
     */
    private static Profile profile(CommandLine line, RecordingHeader header, Registry registry) {
        Map<String, String> choice = new LinkedHashMap<>();
        choice.put(CommonOptions.PROFILE, header.profile());
        choice.put(CommonOptions.FRAMING, header.framing());
        choice.put(CommonOptions.PAYLOAD, header.payload());
        if (header.exchange() != null) {
            choice.put(CommonOptions.EXCHANGE, header.exchange());
        }
        if (header.correlate() != null) {
            choice.put(CommonOptions.CORRELATE, header.correlate());
        }
        return CommonOptions.profile(line, registry, choice);
    }

    private static ReplayOptions options(CommandLine line) {
        double speed = 1.0;
        if (line.hasOption(SPEED)) {
            try {
                speed = Double.parseDouble(line.getOptionValue(SPEED));
            } catch (NumberFormatException e) {
                speed = -1;
            }
            if (!(speed >= 0) || Double.isInfinite(speed)) {
                throw new UsageException("invalid --speed '" + line.getOptionValue(SPEED)
                        + "': expected 0 (as fast as possible) or a positive number (1.0 = as recorded)");
            }
        }
        Duration timeout = line.hasOption(TIMEOUT) ? OptionValues.duration("--" + TIMEOUT, line.getOptionValue(TIMEOUT))
                : Duration.ofSeconds(5);
        List<JsonPath> ignore = new ArrayList<>();
        if (line.hasOption(IGNORE)) {
            for (String path : line.getOptionValues(IGNORE)) {
                try {
                    ignore.add(JsonPath.parse(path));
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
        }
        return new ReplayOptions(speed, timeout, ignore, line.hasOption(STATEFUL));
    }
}
