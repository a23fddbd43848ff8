package dev.mtk.embed;

import dev.mtk.journal.Journal;
import dev.mtk.metrics.ServerMetrics;
import dev.mtk.plugin.Registry;
import dev.mtk.script.ScriptError;
import dev.mtk.script.Scripts;
import dev.mtk.session.Behaviour;
import dev.mtk.session.Profile;
import dev.mtk.session.Server;
import dev.mtk.session.ServerConfig;
import dev.mtk.session.ServerSession;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Handler;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An mtk server in this process, for tests and programs: it speaks a profile, answers with a handler, a lambda or a
 * Groovy script, records what it received in its {@link #journal()}, and takes a new behaviour while clients stay
 * connected.
 *
 * <pre>{@code
 * try (MtkServer server = MtkServer.builder().profile("reply")
 *         .handler((session, message) -> session.reply(Map.of("echo", message.value())))
 *         .start();
 *      MtkClient client = MtkClient.builder().port(server.port()).profile("reply").connect()) {
 *     client.request(Map.of("op", "ping"));
 *     server.journal().verify(JournalQuery.all().path("$.op", "ping"));
 *     server.replaceBehaviour("onMessage { reply([pong: true]) }", "pong.groovy");
 * }
 * }</pre>
 *
 * <p>It listens on 127.0.0.1 and a free port unless told otherwise; the profile is {@code json} (the seed's) unless
 * {@code profile}, {@code framing}, {@code payload}, {@code exchange} or {@code correlate} say otherwise, each
 * meaning what its {@code mtk server} flag means. Without a handler or script it does what its exchange expects
 * ({@code echo} under {@code reply}). Its behaviour can be replaced unless the builder was told
 * {@link Builder#fixedBehaviour()}: a replaceable behaviour runs on handler threads even for a built-in handler.
 */
public final class MtkServer implements AutoCloseable {
    /** What a script given as text is called in its errors when the caller gives no name (here and over admin). */
    public static final String SCRIPT_NAME = "behaviour.groovy";

    private final Server server;
    private final Behaviour behaviour;
    private final Journal journal;
    private final Profile profile;
    private final Registry registry;

    private MtkServer(Server server, Behaviour behaviour, Journal journal, Profile profile, Registry registry) {
        this.server = server;
        this.behaviour = behaviour;
        this.journal = journal;
        this.profile = profile;
        this.registry = registry;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The bound port, the real one when port 0 was asked for. */
    public int port() {
        return server.port();
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return server.address();
    }

    /** Framing, payload, exchange and correlation, as chosen. */
    public Profile profile() {
        return profile;
    }

    /** What the server received, oldest first. */
    public Journal journal() {
        return journal;
    }

    /**
     * What the server counted since it started, {@link ServerMetrics#prometheus()} for a scrape: connections, messages
     * and bytes each way, sessions refused by reason, handler time, pending bytes. {@link #reset()} leaves it counting.
     */
    public ServerMetrics metrics() {
        return server.metrics();
    }

    /** The sessions open now, as they are now. */
    public List<SessionInfo> sessions() {
        List<SessionInfo> sessions = new ArrayList<>();
        for (ServerSession session : server.sessions()) {
            sessions.add(SessionInfo.of(session));
        }
        sessions.sort((a, b) -> Long.compare(a.id(), b.id()));
        return List.copyOf(sessions);
    }

    /** Closes the session {@code id} after what was written to it; {@code false} when no such session is open. */
    public boolean closeSession(long id) {
        return server.closeSession(id);
    }

    /**
     * Makes {@code handler} answer every session's next message; sessions stay connected and keep their state.
     *
     * @throws IllegalStateException when the server was built with {@link Builder#fixedBehaviour()}
     */
    public void replaceBehaviour(Handler handler) {
        behaviour.replace(handler);
    }

    /**
     * {@link #replaceBehaviour(Handler)} with a behaviour script's text ({@code onMessage { reply(...) } }), named
     * {@code name} in its errors.
     *
     * @throws BehaviourException when it does not compile ({@code NAME:LINE:COLUMN: message}) or its top level fails;
     *         the old behaviour stays
     * @throws IllegalStateException when the server was built with {@link Builder#fixedBehaviour()}
     */
    public void replaceBehaviour(String groovyText, String name) {
        requireReplaceable();
        behaviour.replace(loadScript(groovyText, name, registry, profile));
    }

    /**
     * {@link #replaceBehaviour(Handler)} with a handler as {@code mtk server --handler} names it: {@code echo},
     * {@code kv:capacity=10}.
     *
     * @throws BehaviourException for an unknown name or option; the old behaviour stays
     * @throws IllegalStateException when the server was built with {@link Builder#fixedBehaviour()}
     */
    public void replaceBehaviour(String handlerSpec) {
        requireReplaceable();
        behaviour.replace(handler(() -> registry.handler(handlerSpec)));
    }

    /**
     * {@link #replaceBehaviour(Handler)} with the handler called {@code name}, given {@code options} as they are.
     *
     * @throws BehaviourException for an unknown name or option; the old behaviour stays
     * @throws IllegalStateException when the server was built with {@link Builder#fixedBehaviour()}
     */
    public void replaceBehaviour(String name, Map<String, String> options) {
        requireReplaceable();
        behaviour.replace(handler(() -> registry.handler(name, options)));
    }

    /** Checked before compiling anything, so that the caller hears the reason that matters. */
    private void requireReplaceable() {
        if (!behaviour.isReplaceable()) {
            throw new IllegalStateException("this server's behaviour is fixed: it was built with fixedBehaviour()");
        }
    }

    /** Forgets what the journal holds and what sessions share; open sessions stay, with their own state. */
    public void reset() {
        journal.clear();
        behaviour.reset();
    }

    /** What the user should be told before serving (a limit lowered to fit the descriptor limit), a line each. */
    public List<String> warnings() {
        return server.warnings();
    }

    /** The connection limit in force. */
    public int maxConnections() {
        return server.maxConnections();
    }

    /** Sessions open now. */
    public int sessionCount() {
        return server.sessionCount();
    }

    /** Stops accepting, closes every session after what was written to it, and releases the server's threads. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "mtk server " + dev.mtk.internal.Addresses.format(address()) + " (profile " + profile.name() + ")";
    }

    /** A handler the registry makes, its refusal a {@link BehaviourException}. */
    private static Handler handler(Supplier<Handler> made) {
        try {
            return made.get();
        } catch (IllegalArgumentException e) {
            throw new BehaviourException(e.getMessage(), e);
        }
    }

    private static Handler loadScript(String text, String name, Registry registry, Profile profile) {
        try {
            return Scripts.loadBehaviour(text, name, registry.handler(profile.exchange().handler()));
        } catch (ScriptError e) {
            throw new BehaviourException(e.getMessage(), e);
        }
    }

    private static Handler loadScript(Path file, Registry registry, Profile profile) {
        try {
            return Scripts.loadBehaviour(file, registry.handler(profile.exchange().handler()));
        } catch (ScriptError e) {
            throw new BehaviourException(e.getMessage(), e);
        }
    }

    /**
     * Gathers a server's settings; {@link #start()} resolves names and scripts and binds. Each setter checks its value
     * where it can; names (profiles, framings, handlers) are checked by {@link #start()}, against the plugins.
     */
    public static final class Builder extends ProtocolBuilder<Builder> {
        private ServerConfig base;
        private String host;
        private int port = -1;
        private int maxFrame;
        private int journalSize = Journal.DEFAULT_MAX_MESSAGES;
        private Registry registry;
        private boolean fixed;
        /** One of the four below, the last given: a behaviour is one thing. */
        private Handler handler;
        private String handlerSpec;
        private Path scriptFile;
        private String scriptText;
        private String scriptName;

        private Builder() {
        }

        /** What answers: a {@link Handler}, or a lambda {@code (session, message) -> session.reply(...)}. */
        public Builder handler(Handler value) {
            clearBehaviour();
            this.handler = Objects.requireNonNull(value, "handler");
            return this;
        }

        /** What answers, as {@code --handler} names it: {@code echo}, {@code kv:capacity=10}, a plugin's. */
        public Builder handler(String spec) {
            clearBehaviour();
            this.handlerSpec = Objects.requireNonNull(spec, "handler");
            return this;
        }

        /** What answers: a behaviour script file, as {@code --script} takes it. */
        public Builder script(Path file) {
            clearBehaviour();
            this.scriptFile = Objects.requireNonNull(file, "script");
            return this;
        }

        /** What answers: a behaviour script's text, called {@code behaviour.groovy} in its errors. */
        public Builder script(String groovyText) {
            return script(groovyText, SCRIPT_NAME);
        }

        /** What answers: a behaviour script's text, called {@code name} in its errors. */
        public Builder script(String groovyText, String name) {
            clearBehaviour();
            this.scriptText = Objects.requireNonNull(groovyText, "script");
            this.scriptName = Objects.requireNonNull(name, "name");
            return this;
        }

        private void clearBehaviour() {
            handler = null;
            handlerSpec = null;
            scriptFile = null;
            scriptText = null;
        }

        /** Address to bind; 127.0.0.1 by default. */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /** Port to bind; 0 (the default) picks a free one. */
        public Builder port(int value) {
            this.port = dev.mtk.internal.Checks.port("port", value, true);
            return this;
        }

        /** Largest frame accepted, in bytes; 1 MiB by default. */
        public Builder maxFrame(int bytes) {
            this.maxFrame = new FrameLimits(bytes, false).maxFrame();
            return this;
        }

        /** How many messages the journal keeps, 10,000 by default; 0 keeps none. */
        public Builder journal(int maxMessages) {
            this.journalSize = dev.mtk.internal.Checks.notNegative("journal messages", maxMessages);
            return this;
        }

        /** The plugins already loaded (the command line's, whose warnings it has shown); replaces {@link #plugins}. */
        public Builder registry(Registry value) {
            this.registry = Objects.requireNonNull(value, "registry");
            return this;
        }

        /**
         * Everything else a server takes (TLS, idle time, session limits, socket tuning, I/O threads), and its host,
         * port, profile and frame limits unless this builder sets them.
         */
        public Builder config(ServerConfig value) {
            this.base = Objects.requireNonNull(value, "config");
            return this;
        }

        /**
         * The behaviour is never replaced: a built-in handler that cannot block then runs on the I/O threads, which
         * serves several times more messages a second (docs/PERFORMANCE.md); {@code replaceBehaviour} refuses.
         */
        public Builder fixedBehaviour() {
            this.fixed = true;
            return this;
        }

        /**
         * Resolves the profile and the behaviour, then binds.
         *
         * @throws IllegalArgumentException   for an unknown profile, framing, payload or exchange, or a bad option
         * @throws BehaviourException         for a script that does not compile or an unknown handler
         * @throws dev.mtk.session.SessionException when the address cannot be bound
         */
        public MtkServer start() {
            Registry codecs = registry != null ? registry : loadRegistry();
            ServerConfig.Builder config = base != null ? base.newBuilder()
                    : ServerConfig.builder().port(0).profile(Profile.json());
            Profile profile = codecs.profile(base != null ? base.profile() : Profile.json(), choice, "");
            config.profile(profile);
            if (host != null) {
                config.host(host);
            }
            if (port >= 0) {
                config.port(port);
            }
            if (maxFrame > 0) {
                FrameLimits limits = base != null ? base.limits() : FrameLimits.DEFAULT;
                config.limits(new FrameLimits(maxFrame, limits.strict()));
            }
            Handler first = behaviour(codecs, profile);
            Behaviour behaviour = fixed ? Behaviour.fixed(first) : Behaviour.replaceable(first);
            Journal journal = Journal.bounded(journalSize, Journal.DEFAULT_MAX_BYTES);
            Server server = Server.start(config.build(), behaviour, journal);
            return new MtkServer(server, behaviour, journal, profile, codecs);
        }

        private Handler behaviour(Registry codecs, Profile profile) {
            if (handler != null) {
                return handler;
            }
            if (scriptFile != null) {
                return loadScript(scriptFile, codecs, profile);
            }
            if (scriptText != null) {
                return loadScript(scriptText, scriptName, codecs, profile);
            }
            String spec = handlerSpec != null ? handlerSpec : profile.exchange().handler();
            return MtkServer.handler(() -> codecs.handler(spec));
        }
    }
}
