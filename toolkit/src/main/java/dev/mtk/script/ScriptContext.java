package dev.mtk.script;

import dev.mtk.plugin.Registry;
import dev.mtk.session.Client;
import dev.mtk.session.ClientConfig;
import dev.mtk.session.Profile;
import dev.mtk.session.TlsSettings;
import dev.mtk.spi.FrameLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import dev.mtk.bench.feed.Feeder;
import dev.mtk.bench.shard.Shard;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What one script run owns: the codecs it may name, its shared state, and the servers and clients it opened, all
 * closed when it ends. A load run is one such run for all its users and iterations: they share its clients (one set
 * of I/O threads), and, when it {@linkplain #ScriptContext(Registry, ScriptName, boolean) shares servers}, its mocks.
 */
final class ScriptContext implements AutoCloseable {
    private final Registry codecs;
    private final ScriptName script;
    private final boolean shareServers;
    private final SharedState shared = new SharedState();
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final List<AutoCloseable> servers = new ArrayList<>();
    private final Map<String, ScriptServer> sharedServers = new ConcurrentHashMap<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Map<Path, FeedFile> feeders = new ConcurrentHashMap<>();
    private volatile Path folder = Path.of("").toAbsolutePath();
    private volatile Shard shard = Shard.WHOLE;
    private volatile long firstUser;

    ScriptContext(Registry codecs, ScriptName script) {
        this(codecs, script, false);
    }

    /**
     * @param shareServers whether {@code server(...)} with the same options gives the same server, started by the
     *                     first call: under load, every user's every iteration runs the script's {@code server(...)}
     */
    ScriptContext(Registry codecs, ScriptName script, boolean shareServers) {
        this.codecs = codecs;
        this.script = script;
        this.shareServers = shareServers;
    }

    /**
     * The server {@code start} makes, or, when servers are shared, the one made for these options before. Keyed by
     * the options as written, and whether a behaviour closure was given: closures cannot be compared, and one
     * scenario's call site gives the same closure every time.
     */
    ScriptServer server(Map<String, Object> options, boolean withBehaviour, Supplier<ScriptServer> start) {
        if (!shareServers) {
            return start.get();
        }
        return sharedServers.computeIfAbsent(options + (withBehaviour ? " {...}" : ""), key -> start.get());
    }

    /** Where {@code feed('users.csv')} looks: the script's folder. */
    void folder(Path scriptFolder) {
        this.folder = scriptFolder;
    }

    /** This generator's shard of the load, whose users are numbered from {@code first}: which rows are its. */
    void deal(Shard which, long first) {
        this.shard = which;
        this.firstUser = first;
    }

    /**
     * {@code user}'s row of {@code file} (relative to the script's folder), read once per run and dealt to this
     * shard; with {@code cycle}, users past the last row start again from the first.
     */
    Map<String, Object> row(String file, long user, boolean cycle) {
        Path path = folder.resolve(file).normalize();
        FeedFile opened = feeders.computeIfAbsent(path, this::openFeed);
        if (opened.failure() != null) {
            throw new ScriptFailure(opened.failure().getMessage(), opened.failure());
        }
        try {
            // A shard's feeder numbers its users from 0; the script's user counts from the shard's first.
            long mine = user - firstUser;
            return cycle ? opened.feeder().cycled(mine) : opened.feeder().row(mine);
        } catch (IllegalArgumentException e) {
            throw new ScriptFailure(e.getMessage(), e);
        }
    }

    /**
     * A data file as first opened: its feeder, or why it could not be read. The failure is kept so that a bad file is
     * read once per run, not once per iteration of every user (up to {@link Feeder#MAX_BYTES} each time).
     */
    private record FeedFile(Feeder feeder, IllegalArgumentException failure) {
    }

    private FeedFile openFeed(Path path) {
        try {
            return new FeedFile(Feeder.open(path).shard(shard), null);
        } catch (IllegalArgumentException e) {
            return new FeedFile(null, e);
        }
    }

    /** Think time; over at once when the run is {@linkplain #stop() ending}. */
    void pause(long millis) throws InterruptedException {
        if (millis > 0) {
            stopping.await(millis, TimeUnit.MILLISECONDS);
        }
    }

    /** The run is ending: pauses end now, so that users finish their iterations promptly. */
    void stop() {
        stopping.countDown();
    }

    /** The codecs this run may name: its servers resolve handler names against them. */
    Registry codecs() {
        return codecs;
    }

    ScriptName script() {
        return script;
    }

    SharedState shared() {
        return shared;
    }

    /**
     * The profile named by {@code profile:}, with {@code framing:}, {@code payload:}, {@code exchange:} and
     * {@code correlate:} swapped in.
     */
    Profile profile(Map<String, Object> options) {
        Map<String, String> choice = new java.util.LinkedHashMap<>();
        for (String key : Registry.PROFILE_CHOICES) {
            if (options.containsKey(key)) {
                choice.put(key, String.valueOf(options.get(key)));
            }
        }
        try {
            return codecs.profile(choice);
        } catch (IllegalArgumentException e) {
            throw new ScriptFailure(e.getMessage(), e);
        }
    }

    /** The handler named by {@code handler: 'NAME[:options]'}. */
    dev.mtk.spi.Handler handler(String text) {
        try {
            return codecs.handler(text);
        } catch (IllegalArgumentException e) {
            throw new ScriptFailure(e.getMessage(), e);
        }
    }

    /** {@code maxFrame:} (bytes) and {@code strict:}. */
    static FrameLimits limits(Map<String, Object> options) {
        int maxFrame = (int) ScriptValues.number(options, "maxFrame", FrameLimits.DEFAULT_MAX_FRAME);
        return new FrameLimits(maxFrame, Boolean.TRUE.equals(options.get("strict")));
    }

    /** One client (one set of I/O threads) per way of speaking, shared by the sessions that speak it. */
    Client client(Profile profile, FrameLimits limits, long timeoutMillis, TlsSettings tls) {
        String key = profile.describe() + "|" + limits + "|" + timeoutMillis + "|" + tls;
        return clients.computeIfAbsent(key,
                k -> Client.open(ClientConfig.builder().profile(profile).limits(limits)
                        .connectTimeout(Duration.ofMillis(timeoutMillis)).ioThreads(2).tls(tls).build()));
    }

    /**
     * {@code tls:} as a script gives it: absent or false for none, true for the JDK's trust, or a map of
     * {@code keystore}, {@code password}, {@code truststore}, {@code truststorePassword}, {@code insecure},
     * {@code clientAuth}.
     */
    static TlsSettings tls(Map<String, Object> options) {
        Object tls = options.get("tls");
        if (tls == null || Boolean.FALSE.equals(tls)) {
            return null;
        }
        if (Boolean.TRUE.equals(tls)) {
            return TlsSettings.client();
        }
        if (!(tls instanceof Map<?, ?> settings)) {
            throw new ScriptFailure("tls: must be true, false or a map (keystore:, password:, truststore:, insecure:, ...)");
        }
        try {
            return new TlsSettings(path(settings.get("keystore")), text(settings.get("password")),
                    path(settings.get("truststore")), text(settings.get("truststorePassword")),
                    Boolean.TRUE.equals(settings.get("insecure")),
                    TlsSettings.ClientAuth.of(String.valueOf(settings.containsKey("clientAuth")
                            ? settings.get("clientAuth") : "none")));
        } catch (IllegalArgumentException e) {
            throw new ScriptFailure(e.getMessage(), e);
        }
    }

    private static java.nio.file.Path path(Object value) {
        return value == null ? null : java.nio.file.Path.of(String.valueOf(value));
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    synchronized void own(AutoCloseable server) {
        servers.add(server);
    }

    /** How long a script's servers get, at its end, to read what its own clients sent before they closed. */
    private static final long OWN_SESSIONS_GRACE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(2);

    /**
     * Waits, at most {@link #OWN_SESSIONS_GRACE_NANOS}, until no server of this run still has a session from one of
     * its own clients ({@code peers}, closed ones included: the handshake script closes its client itself before it
     * ends, and a grace that looked only at open client sessions waited for nothing). A client's last bytes (the
     * seed's {@code ok}, sent just before the script's {@code close()}) may still sit unread in the server's socket
     * when the script ends: closing the server at once dropped them, and the server never logged the confirmation.
     * Sessions from elsewhere are not waited for. Polled, since a server offers no event for a session's end; bounded,
     * so a script never hangs here.
     */
    private void awaitOwnSessionsEnded(java.util.Set<String> peers) {
        if (peers.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + OWN_SESSIONS_GRACE_NANOS;
        for (AutoCloseable server : servers) {
            while (server instanceof ScriptServer own && own.serves(peers) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        java.util.Set<String> own = new java.util.HashSet<>();
        clients.values().forEach(client -> own.addAll(client.localAddresses()));
        clients.values().forEach(Client::close);
        awaitOwnSessionsEnded(own);
        for (AutoCloseable server : servers) {
            try {
                server.close();
            } catch (Exception e) {
                // closing what is already closed: nothing more to do
            }
        }
    }
}
