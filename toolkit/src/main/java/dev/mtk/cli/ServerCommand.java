package dev.mtk.cli;

import dev.mtk.internal.Addresses;
import dev.mtk.plugin.Registry;
import dev.mtk.script.ScriptError;
import dev.mtk.script.Scripts;
import dev.mtk.spi.Handler;
import dev.mtk.session.SessionLimits;
import dev.mtk.session.SocketTuning;
import dev.mtk.session.TlsSettings;
import java.nio.file.Path;
import dev.mtk.session.Profile;
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
    private static final String HANDLER = "handler";
    private static final String IDLE = "idle";
    private static final String TCP_NODELAY = "tcp-nodelay";
    private static final String RECEIVE_BUFFER = "receive-buffer";
    private static final String SEND_BUFFER = "send-buffer";
    private static final String READ_BUFFER = "read-buffer";
    private static final String MAX_CONNECTIONS = "max-connections";
    private static final String MAX_PENDING = "max-pending";
    /** A client that sends nothing for five minutes is closed, unless --idle says otherwise. */
    private static final int DEFAULT_IDLE_SECONDS = 300;

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
        options.addOption(Option.builder().longOpt(HANDLER).hasArg().argName("NAME[:OPTS]")
                .desc("what the server does: seed (default), echo, or a plugin's handler, e.g. kv").get());
        options.addOption(Option.builder().longOpt(SCRIPT).hasArg().argName("FILE")
                .desc("a Groovy behaviour script: onOpen, onMessage, onClose, onIdle, onError (default: the seed's exchange)")
                .get());
        options.addOption(Option.builder().longOpt(IDLE).hasArg().argName("SECONDS")
                .desc("a session that sends nothing this long (or sits on half a frame) is closed, or handed to the "
                        + "handler's onIdle; 0 for never (default " + DEFAULT_IDLE_SECONDS + ")")
                .get());
        options.addOption(Option.builder().longOpt(MAX_CONNECTIONS).hasArg().argName("N")
                .desc("sessions open at once; more are closed as they connect (default "
                        + SessionLimits.DEFAULT.maxConnections() + ")").get());
        options.addOption(Option.builder().longOpt(MAX_PENDING).hasArg().argName("BYTES")
                .desc("unsent replies a session may hold before it is closed as not reading (default 4MiB)").get());
        options.addOption(Option.builder().longOpt(IO_THREADS).hasArg().argName("N")
                .desc("I/O threads (default: one per core)").get());
        options.addOption(Option.builder().longOpt(TCP_NODELAY).hasArg().argName("on|off")
                .desc("send small writes at once (TCP_NODELAY; default on)").get());
        options.addOption(Option.builder().longOpt(RECEIVE_BUFFER).hasArg().argName("BYTES")
                .desc("socket receive buffer, SO_RCVBUF (default: the system's)").get());
        options.addOption(Option.builder().longOpt(SEND_BUFFER).hasArg().argName("BYTES")
                .desc("socket send buffer, SO_SNDBUF (default: the system's)").get());
        options.addOption(Option.builder().longOpt(READ_BUFFER).hasArg().argName("BYTES")
                .desc("first read buffer of a session, 64 B to 64 KiB; it then adapts (default 2048)").get());
        return options;
    }

    private static SocketTuning tuning(CommandLine line) {
        boolean noDelay = switch (line.getOptionValue(TCP_NODELAY, "on").toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new UsageException("invalid --" + TCP_NODELAY + " '" + line.getOptionValue(TCP_NODELAY)
                    + "': expected on or off");
        };
        int receive = line.hasOption(RECEIVE_BUFFER) ? OptionValues.bytes("--" + RECEIVE_BUFFER, line.getOptionValue(RECEIVE_BUFFER)) : 0;
        int send = line.hasOption(SEND_BUFFER) ? OptionValues.bytes("--" + SEND_BUFFER, line.getOptionValue(SEND_BUFFER)) : 0;
        int read = line.hasOption(READ_BUFFER) ? OptionValues.bytes("--" + READ_BUFFER, line.getOptionValue(READ_BUFFER))
                : SocketTuning.DEFAULT.readBuffer();
        try {
            return new SocketTuning(noDelay, receive, send, read);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    @Override
    public int run(CommandLine line, Console console) throws InterruptedException, ScriptError {
        Registry registry = CommonOptions.codecs(line, console);
        Profile profile = CommonOptions.profile(line, registry);
        FrameLimits limits = CommonOptions.limits(line);
        int ioThreads = line.hasOption(IO_THREADS)
                ? OptionValues.positiveInt("--" + IO_THREADS, line.getOptionValue(IO_THREADS)) : 0;
        int idle = line.hasOption(IDLE) ? OptionValues.nonNegativeInt("--" + IDLE, line.getOptionValue(IDLE))
                : DEFAULT_IDLE_SECONDS;
        SessionLimits sessions = new SessionLimits(
                line.hasOption(MAX_CONNECTIONS) ? OptionValues.positiveInt("--" + MAX_CONNECTIONS,
                        line.getOptionValue(MAX_CONNECTIONS)) : SessionLimits.DEFAULT.maxConnections(),
                line.hasOption(MAX_PENDING) ? OptionValues.bytes("--" + MAX_PENDING, line.getOptionValue(MAX_PENDING))
                        : SessionLimits.DEFAULT.maxPending());
        TlsSettings tls = CommonOptions.tls(line, console);
        if (tls != null && tls.keystore() == null) {
            throw new UsageException("--tls on a server needs --keystore FILE: the server's certificate and key");
        }
        ServerConfig config = new ServerConfig(CommonOptions.host(line), CommonOptions.port(line, true), profile,
                limits, ioThreads, idle, tuning(line), sessions, tls);
        if (line.hasOption(SCRIPT) && line.hasOption(HANDLER)) {
            throw new UsageException("give --script or --handler, not both");
        }
        Handler behaviour;
        if (line.hasOption(SCRIPT)) {
            behaviour = Scripts.loadBehaviour(Path.of(line.getOptionValue(SCRIPT)));
        } else {
            try {
                behaviour = registry.handler(line.getOptionValue(HANDLER, "seed"));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        try (Server server = Server.start(config, behaviour)) {
            if (server.address().getAddress().isAnyLocalAddress()) {
                console.err().println("mtk: warning: listening on all interfaces (" + config.host()
                        + "): anyone who can reach this machine can connect; --host 127.0.0.1 keeps it local");
            }
            console.out().println("listening on " + Addresses.format(server.address()) + " (profile " + profile.name()
                    + ", framing " + profile.framing() + ", payload " + profile.payload().name() + ", max-frame "
                    + limits.maxFrame() + (limits.strict() ? ", strict" : "") + (config.tls() != null ? ", tls" : "") + ")");
            console.out().flush();
            stop.arm();
            stop.await();
        }
        console.out().println("server stopped");
        console.out().flush();
        return 0;
    }
}
