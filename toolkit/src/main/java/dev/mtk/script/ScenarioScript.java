package dev.mtk.script;

import dev.mtk.embed.MtkServer;
import dev.mtk.internal.HostPort;
import dev.mtk.spi.Handler;
import dev.mtk.session.Profile;
import dev.mtk.session.ServerConfig;
import dev.mtk.session.SessionException;
import dev.mtk.session.TlsSettings;
import dev.mtk.spi.FrameLimits;
import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.Script;
import groovy.transform.stc.ClosureParams;
import groovy.transform.stc.SimpleType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base class of a scenario script ({@code mtk run FILE [args...]}).
 *
 * <pre>
 * def srv = server(port: 0) { onMessage { msg -&gt; reply([echo: msg.value]) } }
 * def c = connect(port: srv.port)
 * c.send([n: 1])
 * assert c.receive().value == [echo: [n: 1]]
 * </pre>
 *
 * Verbs: {@code server}, {@code connect}, {@code parallel}, {@code bin}, {@code log}, {@code timeout} (milliseconds, 5000 by
 * default), {@code shared}, {@code args} (the arguments after the file name) and {@code usage} (checks them). Everything the script opened is
 * closed when it ends.
 *
 * <p>For load ({@code mtk bench --scenario FILE}), the same script is one iteration of a virtual user:
 * {@code step('login') { ... }} times a part of it, {@code pause('1s')} is think time, {@code user} and
 * {@code iteration} say who runs it and for the how-manieth time, and {@code feed('users.csv')} is this user's row.
 * Under {@code mtk run} it runs once, as user 0's iteration 0.
 */
public abstract class ScenarioScript extends Script {
    private static final Logger LOG = LoggerFactory.getLogger("mtk.script");

    /** The name of the whole iteration's timing in a load report, so no step may take it. */
    public static final String ITERATION = "iteration";

    private ScriptContext context;
    private StepObserver steps = StepObserver.NONE;
    /** The virtual user running this iteration, from 0 over the whole load: what {@code feed} picks a row by. */
    private long user;
    private volatile long timeout = 5_000;
    /** Think time so far in this iteration (a pause may be in a parallel run): a step leaves out what it took. */
    private final AtomicLong pausedNanos = new AtomicLong();
    /** The sessions this iteration opened, closed when it ends. */
    private final Queue<ScriptClient> opened = new ConcurrentLinkedQueue<>();

    void attach(ScriptContext context, StepObserver steps, long user) {
        this.context = context;
        this.steps = steps;
        this.user = user;
    }

    /**
     * This virtual user's row of a data file: {@code def row = feed('users.csv')} (or {@code .jsonl}), a map from
     * column to value. The file is relative to the script's folder and read once per run; user 0 gets the first
     * row, and a user past the last row is a failure naming the file, unless {@code feed('users.csv', cycle: true)}
     * starts again from the first. Under {@code --shard I/N} the rows are dealt round-robin to the shards.
     */
    public Map<String, Object> feed(Map<String, Object> options, String file) {
        for (String key : options.keySet()) {
            if (!key.equals("cycle")) {
                throw new ScriptFailure("feed takes cycle: true or false, not " + key + ":");
            }
        }
        return context.row(file, user, Boolean.TRUE.equals(options.get("cycle")));
    }

    public Map<String, Object> feed(String file) {
        return feed(Map.of(), file);
    }

    /**
     * Runs {@code body} as the step {@code name} and returns what it returned: {@code def token = step('login') {
     * c.request([op: 'login']).value.token }}. Under load its time, less its pauses, goes into the step's timing; a
     * failure is counted by kind and ends the iteration. Either way a failure names the step.
     */
    public Object step(String name, Closure<?> body) {
        if (name == null || name.isBlank()) {
            throw new ScriptFailure("a step needs a name: step('login') { ... }");
        }
        if (name.equals(ITERATION)) {
            throw new ScriptFailure("a step cannot be named '" + ITERATION + "': the report uses that name for the "
                    + "whole iteration");
        }
        long pausedBefore = pausedNanos.get();
        long start = System.nanoTime();
        Object result;
        try {
            result = body.call();
        } catch (Throwable e) {
            steps.failed(name, e);
            throw new ScriptFailure("step '" + name + "': " + ScriptErrors.what(e), e);
        }
        steps.passed(name, System.nanoTime() - start - (pausedNanos.get() - pausedBefore));
        return result;
    }

    /**
     * Think time: {@code pause(500)} (milliseconds) or {@code pause('1s')}, {@code pause('250ms')},
     * {@code pause('2m')}. Left out of the time of a step it is in, part of the iteration's. A load run that ends
     * cuts pauses short, so that users stop promptly.
     */
    public void pause(Object duration) throws InterruptedException {
        long millis = pauseMillis(duration);
        long start = System.nanoTime();
        try {
            context.pause(millis);
        } finally {
            pausedNanos.addAndGet(System.nanoTime() - start);
        }
    }

    private static long pauseMillis(Object duration) {
        if (duration instanceof Number number) {
            if (number.doubleValue() < 0) {
                throw new ScriptFailure("pause takes a duration of 0 or more, not " + number);
            }
            return Math.round(number.doubleValue());
        }
        String text = String.valueOf(duration).trim();
        // A bare number in text would be seconds to Durations but milliseconds as a number: refuse the doubt.
        if (!text.isEmpty() && Character.isDigit(text.charAt(text.length() - 1))) {
            throw new ScriptFailure("pause('" + text + "') needs a unit, as in '" + text + "ms' or '" + text
                    + "s' (a number alone is milliseconds: pause(" + text + "))");
        }
        return dev.mtk.internal.Durations.parse(text).map(java.time.Duration::toMillis).orElseThrow(
                () -> new ScriptFailure("pause takes milliseconds or a duration such as '250ms', '1s', '2m', not '"
                        + text + "'"));
    }

    /** Closes the sessions this script opened: an iteration's sessions end with it, not with the run. */
    void closeOpened() {
        for (ScriptClient client : opened) {
            try {
                client.close();
            } catch (RuntimeException e) {
                // closing a session that is already gone: nothing more to do
            }
        }
        opened.clear();
    }

    /** How long {@code receive}, {@code expect} and {@code exchange} wait by default, in milliseconds. */
    public long getTimeout() {
        return timeout;
    }

    public void setTimeout(long millis) {
        if (millis <= 0) {
            throw new ScriptFailure("timeout must be a positive number of milliseconds: " + millis);
        }
        this.timeout = millis;
    }

    /** State shared with the behaviours of the servers this script starts. */
    public SharedState getShared() {
        return context.shared();
    }

    /**
     * Starts a server in this process: {@code server(port: 0, profile: 'json', framing: ..., payload: ...,
     * exchange: 'reply', correlate: '$.id', host: '127.0.0.1', maxFrame: ..., strict: false, idle: seconds)
     * { onMessage { ... } }}, or with {@code handler: 'echo'} (any handler, a plugin's too) instead of a closure.
     * Without either it does what its exchange expects ({@code seed} acknowledges, {@code echo} under {@code reply},
     * {@code silent} under {@code oneway}), and callbacks a closure does not give fall back to that handler.
     */
    public ScriptServer server(Map<String, Object> options,
            @DelegatesTo(value = BehaviourSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> behaviour) {
        return context.server(options, behaviour != null, () -> start(options, behaviour));
    }

    private ScriptServer start(Map<String, Object> options, Closure<?> behaviour) {
        Profile profile = context.profile(options);
        Handler chosen = context.handler(options.containsKey("handler") ? String.valueOf(options.get("handler"))
                : profile.exchange().handler());
        if (behaviour != null) {
            BehaviourSpec spec = new BehaviourSpec(context.shared(), context.script());
            Closure<?> configure = behaviour.rehydrate(spec, this, this);
            configure.setResolveStrategy(Closure.DELEGATE_FIRST);
            configure.call();
            chosen = spec.build(chosen);
        }
        String host = String.valueOf(options.getOrDefault("host", ServerConfig.DEFAULT_HOST));
        int port = port(options, 0);
        FrameLimits limits = ScriptContext.limits(options);
        int idle = (int) ScriptValues.number(options, "idle", 0);
        TlsSettings tls = ScriptContext.tls(options);
        ServerConfig config = ServerConfig.builder().host(host).port(port).profile(profile).limits(limits).ioThreads(2)
                .idleSeconds(idle).tls(tls).build();
        ScriptServer server = new ScriptServer(MtkServer.builder().config(config).registry(context.codecs())
                .handler(chosen).fixedBehaviour().start());
        context.own(server);
        return server;
    }

    public ScriptServer server(Map<String, Object> options) {
        return server(options, null);
    }

    public ScriptServer server(
            @DelegatesTo(value = BehaviourSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> behaviour) {
        return server(Map.of(), behaviour);
    }

    public ScriptServer server() {
        return server(Map.of(), null);
    }

    /**
     * Opens a client session: {@code connect(port: 7373, host: '127.0.0.1', profile: 'json', framing: ...,
     * payload: ..., exchange: 'reply', correlate: '$.id', timeout: millis)}. With {@code correlate:},
     * {@code request} pairs each reply with its request by that key and {@code expect} searches every waiting message.
     */
    public ScriptClient connect(Map<String, Object> options) {
        if (!options.containsKey("port")) {
            throw new ScriptFailure("connect needs a port: connect(port: 7373) or connect('host:port')");
        }
        String host = String.valueOf(options.getOrDefault("host", ServerConfig.DEFAULT_HOST));
        int port = port(options, 1);
        long connectTimeout = ScriptValues.number(options, "timeout", timeout);
        Profile profile = context.profile(options);
        try {
            ScriptClient client = new ScriptClient(context.client(profile, ScriptContext.limits(options),
                    connectTimeout, ScriptContext.tls(options)).connect(host, port), this);
            opened.add(client);
            return client;
        } catch (SessionException e) {
            throw new ScriptFailure(e.getMessage(), e);
        }
    }

    /** {@code port:} checked here: out of range it reached the JDK, whose IllegalArgumentException was the message. */
    private static int port(Map<String, Object> options, int lowest) {
        long port = ScriptValues.number(options, "port", 0);
        if (port < lowest || port > 65535) {
            throw new ScriptFailure("port must be " + lowest + " to 65535, not " + port);
        }
        return (int) port;
    }

    /** Opens a client session to {@code host:port} (or just a port, on 127.0.0.1) with the default profile. */
    public ScriptClient connect(Object address) {
        return connect(Map.of(), address);
    }

    /**
     * Opens a client session to {@code host:port} (or just a port) with the other options of
     * {@link #connect(Map)}: {@code connect(args[0], profile: 'reply', correlate: '$.id')}.
     */
    public ScriptClient connect(Map<String, Object> options, Object address) {
        String text = String.valueOf(address);
        HostPort target = HostPort.parse(text, ServerConfig.DEFAULT_HOST, false).orElseThrow(
                () -> new ScriptFailure("not an address: '" + text + "' (expected host:port or a port)"));
        Map<String, Object> all = new java.util.LinkedHashMap<>(options);
        all.put("host", target.host());
        all.put("port", target.port());
        return connect(all);
    }

    /**
     * Runs {@code body} {@code count} times at once, each on its own thread with its index (0 to count - 1), and waits
     * for all of them; the first failure is rethrown, naming the run.
     */
    public void parallel(int count,
            @ClosureParams(value = SimpleType.class, options = "java.lang.Integer") Closure<?> body) {
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, count), runnable -> {
            Thread thread = new Thread(runnable, "mtk-script-parallel");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                runs.add(threads.submit(() -> body.call(index)));
            }
            for (int i = 0; i < runs.size(); i++) {
                try {
                    runs.get(i).get();
                } catch (ExecutionException e) {
                    throw new ScriptFailure("parallel run " + i + " of " + count + " failed: "
                            + ScriptErrors.what(e.getCause()), e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScriptFailure("interrupted while waiting for parallel runs", e);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Checks {@code args} against the script's usage line and returns them: {@code usage('mtk run
     * scripts/kv-check.groovy HOST:PORT [TIMEOUT_MS]')} ends the run with exit 2 and one line, {@code missing
     * HOST:PORT; usage: mtk run ...}, when fewer arguments were given than the line names outside brackets (the
     * words after the {@code .groovy} file). Scripts call it first, instead of failing on {@code args[0]}.
     */
    public List<String> usage(String line) throws ScriptError {
        @SuppressWarnings("unchecked")
        List<String> args = (List<String>) getBinding().getVariable("args");
        List<String> required = new ArrayList<>();
        boolean afterFile = false;
        for (String word : line.trim().split("\\s+")) {
            if (afterFile && !word.startsWith("[")) {
                required.add(word);
            }
            afterFile |= word.endsWith(".groovy");
        }
        if (args.size() < required.size()) {
            throw new ScriptError("missing " + String.join(" ", required.subList(args.size(), required.size()))
                    + "; usage: " + line.trim(), ScriptError.USAGE, null);
        }
        return args;
    }

    /** A line in the log, as the script's. */
    public void log(Object line) {
        LOG.info("{}", line);
    }

    /**
     * A binary message written field by field: {@code bin { u8 0x80; u16 size(key); str key }} ({@link BinaryBuilder}).
     */
    public byte[] bin(@DelegatesTo(value = BinaryBuilder.class, strategy = Closure.DELEGATE_FIRST) Closure<?> fields) {
        return BinaryBuilder.build(fields);
    }

    /** A behaviour verb at the top of a scenario: say where it belongs instead of failing with a missing method. */
    public void onMessage(Closure<?> callback) {
        throw misplaced("onMessage");
    }

    public void onOpen(Closure<?> callback) {
        throw misplaced("onOpen");
    }

    public void onClose(Closure<?> callback) {
        throw misplaced("onClose");
    }

    public void onIdle(Closure<?> callback) {
        throw misplaced("onIdle");
    }

    public void onError(Closure<?> callback) {
        throw misplaced("onError");
    }

    private static ScriptFailure misplaced(String verb) {
        return new ScriptFailure(verb + " defines a server's behaviour: put it in a behaviour script for "
                + "'mtk server --script FILE', or inside server(...) { " + verb + " { ... } } in this scenario");
    }
}
