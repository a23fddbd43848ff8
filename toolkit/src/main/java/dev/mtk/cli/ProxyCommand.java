package dev.mtk.cli;

import dev.mtk.internal.Addresses;
import dev.mtk.internal.HostPort;
import dev.mtk.plugin.Registry;
import dev.mtk.proxy.Proxy;
import dev.mtk.proxy.ProxyConfig;
import dev.mtk.session.SessionLimits;
import dev.mtk.proxy.RecordingObserver;
import dev.mtk.proxy.TrafficObserver;
import dev.mtk.proxy.TrafficPrinter;
import dev.mtk.record.Recorder;
import dev.mtk.record.RecordingHeader;
import dev.mtk.record.RecordingWriter;
import dev.mtk.session.Profile;
import dev.mtk.spi.FrameLimits;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code mtk proxy --listen [HOST:]PORT --target HOST:PORT [--record FILE]}: forwards every client to the target
 * unchanged, prints every frame both ways, and records them; runs until told to stop, like the server.
 */
final class ProxyCommand implements Command {
    static final String LISTEN = "listen";
    static final String TARGET = "target";
    static final String RECORD = "record";
    private static final String IO_THREADS = "io-threads";

    private final StopSignal stop;

    ProxyCommand(StopSignal stop) {
        this.stop = stop;
    }

    @Override
    public String name() {
        return "proxy";
    }

    @Override
    public String summary() {
        return "sit between clients and a server: forward the bytes unchanged, print and record every frame";
    }

    @Override
    public String arguments() {
        return "--listen [HOST:]PORT --target HOST:PORT [options]";
    }

    @Override
    public List<String> examples() {
        return List.of("mtk proxy --listen 7374 --target 127.0.0.1:7373",
                "mtk proxy --listen 0 --target 127.0.0.1:7373 --record session.jsonl");
    }

    @Override
    public Options options() {
        Options options = new Options();
        options.addOption(Option.builder().longOpt(LISTEN).hasArg().argName("[HOST:]PORT")
                .desc("where clients connect (host default 127.0.0.1; port 0 picks a free one)").get());
        options.addOption(Option.builder().longOpt(TARGET).hasArg().argName("HOST:PORT")
                .desc("the server every client is forwarded to").get());
        options.addOption(Option.builder().longOpt(RECORD).hasArg().argName("FILE")
                .desc("write every frame as a JSON line to FILE (docs/RECORDING.md)").get());
        options.addOption(Option.builder().longOpt(IO_THREADS).hasArg().argName("N")
                .desc("I/O threads (default: one per core)").get());
        ListenOptions.addTo(options);
        return CodecOptions.addTo(options);
    }

    @Override
    public int run(CommandLine line, Console console) throws InterruptedException {
        HostPort listen = OptionValues.address("--" + LISTEN, required(line, LISTEN), "127.0.0.1", true);
        HostPort target = OptionValues.address("--" + TARGET, required(line, TARGET), "127.0.0.1", false);
        Registry registry = CommonOptions.codecs(line, console);
        Profile profile = CommonOptions.profile(line, registry);
        FrameLimits limits = CommonOptions.limits(line);
        int ioThreads = line.hasOption(IO_THREADS)
                ? OptionValues.positiveInt("--" + IO_THREADS, line.getOptionValue(IO_THREADS)) : 0;
        Path recordTo = line.hasOption(RECORD) ? Path.of(line.getOptionValue(RECORD)) : null;
        if (recordTo != null && OutputFile.refused(console, "the recording", recordTo)) {
            return Mtk.USAGE;
        }
        List<TrafficObserver> observers = new ArrayList<>();
        if (!line.hasOption(CommonOptions.QUIET)) {
            observers.add(new TrafficPrinter(profile.payload(), profile.fields()));
        }
        Writer recording = null;
        if (recordTo != null) {
            try {
                recording = Files.newBufferedWriter(recordTo, StandardCharsets.UTF_8);
            } catch (IOException e) {
                console.err().println(OutputFile.message("the recording", recordTo, OutputFile.reason(recordTo, e)));
                return Mtk.FAILED;
            }
            Writer out = recording;
            observers.add(new RecordingObserver((address, nanos) -> new Recorder(new RecordingWriter(out,
                    new RecordingHeader(RecordingHeader.VERSION, Instant.now().toString(), profile.name(),
                            profile.framing().toString(), profile.payload().name(), Addresses.format(address),
                            target.toString(), profile.exchange().label(), profile.correlation().present()
                                    ? profile.correlation().expression() : null)), profile, nanos)));
        }
        SessionLimits sessions = ListenOptions.limits(line).build();
        ProxyConfig config = ProxyConfig.builder().listenHost(listen.host()).listenPort(listen.port())
                .target(target.host(), target.port()).profile(profile).limits(limits).ioThreads(ioThreads)
                .idleSeconds(ListenOptions.idleSeconds(line)).sessions(sessions).build();
        Proxy proxy;
        try {
            proxy = Proxy.start(config, observers);
        } catch (RuntimeException e) {
            closeQuietly(recording);
            throw e;
        }
        try (proxy) {
            for (String warning : proxy.warnings()) {
                console.err().println("mtk: warning: " + warning);
            }
            console.out().println("listening on " + Addresses.format(proxy.address()) + " (proxy to " + target
                    + ", profile " + profile.name() + ", framing " + profile.framing() + ", payload "
                    + profile.payload().name() + profile.exchangeText() + ", " + ListenOptions.describe(sessions, proxy.maxConnections())
                    + (line.hasOption(RECORD) ? ", recording to " + line.getOptionValue(RECORD) : "") + ")");
            console.out().flush();
            stop.arm();
            stop.await();
        }
        console.out().println("proxy stopped");
        console.out().flush();
        return Mtk.OK;
    }

    static String required(CommandLine line, String option) {
        if (!line.hasOption(option)) {
            throw new UsageException("--" + option + " is required");
        }
        return line.getOptionValue(option);
    }

    private static void closeQuietly(Writer writer) {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                // nothing was written yet
            }
        }
    }
}
