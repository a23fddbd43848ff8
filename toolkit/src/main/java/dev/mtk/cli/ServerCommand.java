package dev.mtk.cli;

import dev.mtk.internal.Addresses;
import dev.mtk.script.ScriptError;
import dev.mtk.script.Scripts;
import dev.mtk.session.Behaviour;
import java.nio.file.Path;
import dev.mtk.session.Profile;
import dev.mtk.session.SeedBehaviour;
import dev.mtk.session.Server;
import dev.mtk.session.ServerConfig;
import dev.mtk.spi.FrameLimits;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code mtk server}: serves the seed's exchange until told to stop (SIGINT or SIGTERM, through {@link Main}'s
 * shutdown hook, or {@link StopSignal#stop()} in tests), then closes every session and exits 0.
 */
final class ServerCommand implements Command {
    private static final String IO_THREADS = "io-threads";
    private static final String SCRIPT = "script";
    private static final String IDLE = "idle";

    private final StopSignal stop;

    ServerCommand(StopSignal stop) {
        this.stop = stop;
    }

    @Override
    public String name() {
        return "server";
    }

    @Override
    public String summary() {
        return "serve the seed's exchange: log each message, acknowledge it, read the confirmation";
    }

    @Override
    public Options options() {
        Options options = CommonOptions.addTo(new Options());
        options.addOption(Option.builder().longOpt(SCRIPT).hasArg().argName("FILE")
                .desc("a Groovy behaviour script: onOpen, onMessage, onClose, onIdle, onError (default: the seed's exchange)")
                .get());
        options.addOption(Option.builder().longOpt(IDLE).hasArg().argName("SECONDS")
                .desc("a session that sends nothing this long is closed (or handed to the script's onIdle); default never")
                .get());
        options.addOption(Option.builder().longOpt(IO_THREADS).hasArg().argName("N")
                .desc("I/O threads (default: one per core)").get());
        return options;
    }

    @Override
    public int run(CommandLine line, Console console) throws InterruptedException, ScriptError {
        Profile profile = CommonOptions.profile(line, CommonOptions.codecs(line, console));
        FrameLimits limits = CommonOptions.limits(line);
        int ioThreads = line.hasOption(IO_THREADS)
                ? OptionValues.positiveInt("--" + IO_THREADS, line.getOptionValue(IO_THREADS)) : 0;
        int idle = line.hasOption(IDLE) ? OptionValues.positiveInt("--" + IDLE, line.getOptionValue(IDLE)) : 0;
        ServerConfig config = new ServerConfig(CommonOptions.host(line), CommonOptions.port(line, true), profile,
                limits, ioThreads, idle);
        Behaviour behaviour = line.hasOption(SCRIPT) ? Scripts.loadBehaviour(Path.of(line.getOptionValue(SCRIPT)))
                : new SeedBehaviour();
        try (Server server = Server.start(config, behaviour)) {
            console.out().println("listening on " + Addresses.format(server.address()) + " (profile " + profile.name()
                    + ", framing " + profile.framing() + ", payload " + profile.payload().name() + ", max-frame "
                    + limits.maxFrame() + (limits.strict() ? ", strict" : "") + ")");
            console.out().flush();
            stop.arm();
            stop.await();
        }
        console.out().println("server stopped");
        console.out().flush();
        return 0;
    }
}
