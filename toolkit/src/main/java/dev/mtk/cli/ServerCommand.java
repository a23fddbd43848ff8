package dev.mtk.cli;

import dev.mtk.admin.AdminServer;
import dev.mtk.admin.ScriptWatcher;
import dev.mtk.embed.MtkServer;
import dev.mtk.internal.HostPort;
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
import dev.mtk.session.ServerConfig;
import dev.mtk.spi.FrameLimits;
import java.util.List;
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
    private static final String TCP_NODELAY = "tcp-nodelay";
    private static final String RECEIVE_BUFFER = "receive-buffer";
    private static final String SEND_BUFFER = "send-buffer";
    private static final String READ_BUFFER = "read-buffer";
    private static final String HANDLER_TIMEOUT = "handler-timeout";
    private static final String HANDSHAKE_TIMEOUT = "handshake-timeout";
    private static final String ADMIN = "admin";
    private static final String ADMIN_TOKEN = "admin-token";
    private static final String WATCH = "watch";

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
        return "imitate a service: log each message and answer it (by the exchange, a script or a handler)";
    }

    @Override
    public List<String> examples() {
        return List.of("mtk server -p 0                  # a free port; the first line says which",
                "mtk server --profile seed        # what the seed's Go server speaks",
                "mtk server --profile reply --framing length-field:width=2,order=little   # echo each request",
                "mtk server --profile reply --handler overtake   # replies that overtake each other",
                "mtk server --script scripts/kv-server.groovy",
                "mtk server --profile reply --admin 7380   # HTTP admin API on 127.0.0.1:7380 (docs/ADMIN.md)",
                "mtk server --script my.groovy --watch      # reload the script when it changes");
    }

    @Override
    public Options options() {
        Options options = CommonOptions.addServer(new Options());
        options.addOption(Option.builder().longOpt(HANDLER).hasArg().argName("NAME[:OPTS]")
                .desc("what the server does: seed (the seed's exchange), echo (the reply exchange's default: each "
                        + "message back), overtake (requests echoed two by two, the second first), silent (oneway's "
                        + "default: nothing), or a plugin's, e.g. kv").get());
        options.addOption(Option.builder().longOpt(SCRIPT).hasArg().argName("FILE")
                .desc("a Groovy behaviour script: onOpen, onMessage, onClose, onIdle, onError (default: the exchange's --handler)")
                .get());
        options.addOption(Option.builder().longOpt(WATCH)
                .desc("with --script: reload the script when its file changes; one that does not compile leaves the "
                        + "old behaviour").get());
        options.addOption(Option.builder().longOpt(ADMIN).hasArg().argName("[HOST:]PORT")
                .desc("serve the HTTP admin API (sessions, journal, reset, behaviour; docs/ADMIN.md) on HOST "
                        + "(default 127.0.0.1) and PORT (0 for a free one)").get());
        options.addOption(Option.builder().longOpt(ADMIN_TOKEN).hasArg().argName("TOKEN")
                .desc("with --admin: every request needs Authorization: Bearer TOKEN (default MTK_ADMIN_TOKEN); "
                        + "required for a host other than loopback").get());
        ListenOptions.addTo(options);
        options.addOption(Option.builder().longOpt(HANDLER_TIMEOUT).hasArg().argName("DURATION")
                .desc("time one handler or script callback may run before its session is closed (default 10s)").get());
        options.addOption(Option.builder().longOpt(HANDSHAKE_TIMEOUT).hasArg().argName("DURATION")
                .desc("with --tls: time a client may take to finish the TLS handshake (default 10s)").get());
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
        int idle = ListenOptions.idleSeconds(line);
        SessionLimits.Builder limitsBuilder = ListenOptions.limits(line);
        if (line.hasOption(HANDLER_TIMEOUT)) {
            limitsBuilder.handlerTimeout(OptionValues.duration("--" + HANDLER_TIMEOUT, line.getOptionValue(HANDLER_TIMEOUT)));
        }
        TlsSettings tls = CommonOptions.tls(line, console);
        if (tls != null && tls.keystore() == null) {
            throw new UsageException("--tls on a server needs --keystore FILE: the server's certificate and key");
        }
        if (line.hasOption(HANDSHAKE_TIMEOUT)) {
            if (tls == null) {
                throw new UsageException("--" + HANDSHAKE_TIMEOUT + " needs --tls");
            }
            limitsBuilder.handshakeTimeout(OptionValues.duration("--" + HANDSHAKE_TIMEOUT,
                    line.getOptionValue(HANDSHAKE_TIMEOUT)));
        }
        SessionLimits sessions = limitsBuilder.build();
        ServerConfig config = ServerConfig.builder().host(CommonOptions.host(line)).port(CommonOptions.port(line, true))
                .profile(profile).limits(limits).ioThreads(ioThreads).idleSeconds(idle).tuning(tuning(line))
                .sessions(sessions).tls(tls).build();
        if (line.hasOption(SCRIPT) && line.hasOption(HANDLER)) {
            throw new UsageException("give --script or --handler, not both");
        }
        if (line.hasOption(WATCH) && !line.hasOption(SCRIPT)) {
            throw new UsageException("--" + WATCH + " needs --script FILE: it watches that file");
        }
        AdminServer.Builder admin = admin(line, console);
        Handler behaviour;
        if (line.hasOption(SCRIPT)) {
            behaviour = Scripts.loadBehaviour(Path.of(line.getOptionValue(SCRIPT)),
                    registry.handler(profile.exchange().handler()));
        } else {
            try {
                behaviour = registry.handler(line.getOptionValue(HANDLER, profile.exchange().handler()));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        MtkServer.Builder builder = MtkServer.builder().config(config).registry(registry).handler(behaviour);
        if (admin == null && !line.hasOption(WATCH)) {
            // Fixed: with nothing to replace it, a built-in handler keeps the I/O threads (docs/PERFORMANCE.md).
            builder.fixedBehaviour();
        }
        if (admin == null) {
            // Only the admin API reads the journal: without it, keeping the last 64 MiB of bodies would hold heap the
            // buffer budget does not count, and each message would take the journal's lock for nothing.
            builder.journal(0);
        }
        try (MtkServer server = builder.start(); AdminServer adminServer = startAdmin(admin, server);
                ScriptWatcher watcher = line.hasOption(WATCH) ? watch(Path.of(line.getOptionValue(SCRIPT)), server,
                        console) : null) {
            for (String warning : server.warnings()) {
                console.err().println("mtk: warning: " + warning);
            }
            if (server.address().getAddress().isAnyLocalAddress()) {
                console.err().println("mtk: warning: listening on all interfaces (" + config.host()
                        + "): anyone who can reach this machine can connect; --host 127.0.0.1 keeps it local");
            }
            console.out().println("listening on " + Addresses.format(server.address()) + " (profile " + profile.name()
                    + ", framing " + profile.framing() + ", payload " + profile.payload().name() + profile.exchangeText() + ", max-frame "
                    + limits.maxFrame() + (limits.strict() ? ", strict" : "") + ", "
                    + ListenOptions.describe(sessions, server.maxConnections()) + (config.tls() != null ? ", tls" : "") + ")");
            if (adminServer != null) {
                console.out().println("admin on " + adminServer.url());
            }
            console.out().flush();
            stop.arm();
            stop.await();
        }
        console.out().println("server stopped");
        console.out().flush();
        return 0;
    }

    /** What {@code --admin} and its token ask for, checked before anything binds; null without {@code --admin}. */
    private static AdminServer.Builder admin(CommandLine line, Console console) {
        String token = line.getOptionValue(ADMIN_TOKEN, console.env().get("MTK_ADMIN_TOKEN"));
        if (!line.hasOption(ADMIN)) {
            if (line.hasOption(ADMIN_TOKEN)) {
                throw new UsageException("--" + ADMIN_TOKEN + " needs --" + ADMIN + " [HOST:]PORT");
            }
            return null;
        }
        String value = line.getOptionValue(ADMIN);
        HostPort address = HostPort.parse(value, "127.0.0.1", true).orElseThrow(() -> new UsageException(
                "invalid --" + ADMIN + " '" + value + "': expected [HOST:]PORT, e.g. 7380 or 127.0.0.1:0"));
        try {
            AdminServer.Builder admin = AdminServer.builder().host(address.host()).port(address.port());
            if (token != null) {
                admin.token(token);
            }
            return admin.check();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + ADMIN + " " + value + ": " + e.getMessage());
        }
    }

    private static AdminServer startAdmin(AdminServer.Builder admin, MtkServer server) {
        if (admin == null) {
            return null;
        }
        try {
            return admin.start(server);
        } catch (java.io.UncheckedIOException e) {
            throw new dev.mtk.session.SessionException(e.getMessage(), e);
        }
    }

    private static ScriptWatcher watch(Path script, MtkServer server, Console console) {
        try {
            return ScriptWatcher.start(script, server, console.out()::println,
                    kept -> console.err().println("mtk: warning: " + kept));
        } catch (java.io.IOException e) {
            throw new dev.mtk.session.SessionException("cannot watch " + script + ": " + e.getMessage(), e);
        }
    }
}
