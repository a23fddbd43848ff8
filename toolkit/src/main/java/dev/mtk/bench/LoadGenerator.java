package dev.mtk.bench;

import dev.mtk.bench.result.IntervalLog;
import dev.mtk.bench.result.LoadResult;
import dev.mtk.bench.result.Timing;
import dev.mtk.bench.shard.StartGate;
import dev.mtk.exchange.Correlation;
import dev.mtk.exchange.Exchange;
import dev.mtk.session.Client;
import dev.mtk.session.ClientConfig;
import dev.mtk.session.ClientSession;
import dev.mtk.session.ConnectFailedException;
import dev.mtk.session.Profile;
import dev.mtk.session.SessionException;
import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.HeaderField;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** Runs one {@link BenchConfig} against a server and reports what it measured. */
public final class LoadGenerator {
    private static final long TICK_MILLIS_AT_RATE = 1;
    private static final long TICK_MILLIS = 50;

    private LoadGenerator() {
    }

    /**
     * Ends a run early from another thread (the command's SIGINT or SIGTERM): no new requests go out, the answers in
     * flight are awaited as at the end of a timed run, and what was measured until then is reported, marked as stopped.
     */
    public static final class Stop {
        private volatile boolean requested;
        private volatile LoadRun run;

        /** Asks the run to stop; before it starts, it stops as soon as it has connected. */
        public void request() {
            requested = true;
            LoadRun current = run;
            if (current != null) {
                current.wake();
            }
        }

        /** Whether a stop was asked: a {@link StartGate} still waiting should give up. */
        public boolean requested() {
            return requested;
        }

        void attach(LoadRun current) {
            run = current;
            if (requested) {
                current.wake();
            }
        }
    }

    /**
     * Connects, loads, measures, disconnects.
     *
     * @param progress where the live line goes, or {@code null} for none
     * @throws SessionException when not one connection could be opened
     * @throws IllegalArgumentException for a load the profile cannot carry
     */
    public static BenchReport run(BenchConfig config, Profile profile, FrameLimits limits, PrintStream progress)
            throws InterruptedException {
        return run(config, profile, limits, null, progress);
    }

    /** The same over TLS ({@code tls} not {@code null}). */
    public static BenchReport run(BenchConfig config, Profile profile, FrameLimits limits,
            dev.mtk.session.TlsSettings tls, PrintStream progress) throws InterruptedException {
        return run(config, profile, limits, tls, progress, new Stop());
    }

    /** The same, ended early by {@code stop} (the report then says when it stopped). */
    public static BenchReport run(BenchConfig config, Profile profile, FrameLimits limits,
            dev.mtk.session.TlsSettings tls, PrintStream progress, Stop stop) throws InterruptedException {
        return run(config, profile, limits, tls, progress, stop, StartGate.OPEN, null);
    }

    /**
     * The same, starting once {@code gate} opens (after connecting: {@code --start-at}), each second of latencies
     * given to {@code intervals} ({@code --hlog}), if not {@code null}.
     */
    public static BenchReport run(BenchConfig config, Profile profile, FrameLimits limits,
            dev.mtk.session.TlsSettings tls, PrintStream progress, Stop stop, StartGate gate,
            IntervalLog intervals) throws InterruptedException {
        Plan plan = prepare(config, profile);
        int ioThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ClientConfig clientConfig = ClientConfig.builder().profile(profile).limits(limits)
                .connectTimeout(config.timeout()).ioThreads(ioThreads).tls(tls).build();
        try (Client client = Client.open(clientConfig);
                Checker ignored = plan.checker()) {
            List<ClientSession> sessions = new ArrayList<>();
            long connectErrors = 0;
            SessionException firstError = null;
            for (int i = 0; i < config.connections(); i++) {
                try {
                    sessions.add(client.connect(config.host(), config.port()));
                } catch (ConnectFailedException e) {
                    connectErrors++;
                    firstError = firstError == null ? e : firstError;
                }
            }
            if (sessions.isEmpty()) {
                throw firstError;
            }
            gate.await();
            long start = System.nanoTime();
            // One reading of both clocks: the window is measured on the monotonic one and reported on the wall.
            Instant wallAtStart = Instant.now();
            LoadRun run = new LoadRun(sessions.size(), start + config.warmup().toNanos());
            if (connectErrors > 0) {
                run.failed(ErrorKind.CONNECT, connectErrors, firstError::getMessage);
            }
            List<BenchConnection> connections = new ArrayList<>();
            for (ClientSession session : sessions) {
                connections.add(new BenchConnection(session, run, config, plan, connections.size() + 1, start));
            }
            Progress seconds = new Progress(run, start, wallAtStart, intervals);
            StatusLine live = StatusLine.start("mtk-bench-progress", progress, seconds);
            // Every connection listens before the ticker may send for it: an answer must never find no listener.
            connections.forEach(BenchConnection::start);
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "mtk-bench-ticker");
                thread.setDaemon(true);
                return thread;
            });
            long tick = config.rate() > 0 ? TICK_MILLIS_AT_RATE : TICK_MILLIS;
            ticker.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                connections.forEach(connection -> connection.tick(now));
                if (plan.checker() != null) {
                    plan.checker().interruptIfOver(now, config.timeout().toNanos());
                }
            }, tick, tick, TimeUnit.MILLISECONDS);
            stop.attach(run);
            boolean stopped = false;
            try {
                long end = run.measureFrom() + config.duration().toNanos();
                while (!stop.requested() && run.finished().getCount() > 0) {
                    if (config.counted()) {
                        run.woken().await();
                    } else if (System.nanoTime() < end) {
                        run.woken().await(end - System.nanoTime(), TimeUnit.NANOSECONDS);
                    } else {
                        break;
                    }
                }
                stopped = stop.requested();
                run.stop();
                connections.forEach(BenchConnection::stop);
                // Each connection finishes by itself (answers in, or its oldest request timed out on a tick).
                run.finished().await();
            } finally {
                ticker.shutdownNow();
                live.stop(stopped);
                seconds.last();
            }
            double stoppedAfter = stopped ? (System.nanoTime() - start) / 1e9 : 0;
            Histogram total = run.total();
            Instant from = wallAtStart.plusNanos(run.measureFrom() - start);
            Instant to = from.plusNanos(Math.max(0, run.lastAnswer(run.measureFrom()) - run.measureFrom()));
            BenchReport.Traffic traffic = new BenchReport.Traffic(run.requests(), run.requestBytes(), run.bytesOut(),
                    run.bytesIn());
            String bodies = plan.source().describe();
            java.util.Map<String, Long> errors = run.errors();
            LoadResult result = LoadResult.builder(BenchReport.KIND, config.host() + ":" + config.port())
                    .load(BenchReport.load(config, bodies, profile.exchange())).window(from, to).shard(config.shard())
                    .counters(BenchReport.counters(config, profile.exchange(), run.completed(), traffic, errors))
                    .timings(List.of(Timing.of(BenchReport.TIMING, total, errors, run.examples()))).build();
            return new BenchReport(profile.describe(), profile.exchange(), bodies, config, run.completed(), traffic,
                    result, stoppedAfter);
        }
    }

    /**
     * Everything about a run that can be checked before connecting: the bodies encoded or their template tried, the
     * check compiled, and ids that could not pair replies refused.
     *
     * @throws IllegalArgumentException one line: what cannot work, and what would
     */
    static Plan prepare(BenchConfig config, Profile profile) {
        Exchange exchange = profile.exchange();
        Correlation correlation = profile.correlation();
        if (exchange == Exchange.SEED && config.pipeline() > 1) {
            // A seed server takes "ok" as a confirmation only right after its acknowledgement; with messages in
            // flight it takes it for a message and acknowledges that too.
            throw new IllegalArgumentException("the seed's exchange confirms each acknowledgement before the next "
                    + "message, so it needs --pipeline 1 (--exchange reply keeps requests in flight)");
        }
        if (exchange == Exchange.SEED && correlation.present()) {
            throw new IllegalArgumentException("--correlate " + correlation.expression() + ": the seed's "
                    + "acknowledgement carries no id; pair replies by id with --exchange reply");
        }
        if (exchange == Exchange.ONE_WAY && (correlation.present() || config.expect() != null)) {
            throw new IllegalArgumentException("--exchange oneway awaits no reply: "
                    + (config.expect() != null ? "--expect has nothing to check" : "--correlate has nothing to pair"));
        }
        RequestSource source = config.bodies() != null ? RequestSource.lines(config.bodies(), profile.payload())
                : config.body() != null ? RequestSource.template(config.body(), profile.payload())
                : RequestSource.padding(profile.payload(), config.size());
        if (correlation.present() && correlation.headerField() == null) {
            checkIds(source, profile);
        }
        byte[] first = encode(profile, source.first());
        byte[] fixedRequest = source.fixed() && correlation.headerField() == null ? first : null;
        byte[] confirmation = exchange == Exchange.SEED ? profile.encode(profile.confirmation()) : null;
        ReplyCheck check = config.expect() == null ? null : ReplyCheck.parse(config.expect(), profile.payload());
        Checker checker = check != null && check.userCode()
                ? new Checker(check, Math.max(1, config.connections() * config.pipeline())) : null;
        HeaderField idField = correlation.headerField() == null ? null
                : profile.fields().named(correlation.headerField()).orElseThrow();
        return new Plan(profile, source, fixedRequest, confirmation, check, checker, idField);
    }

    /** Refuses bodies whose ids cannot tell the requests in flight apart. */
    private static void checkIds(RequestSource source, Profile profile) {
        String path = profile.correlation().expression();
        String hint = ": use a template such as {\"id\":${seq}} (--body) or bodies with ids of their own (--bodies)";
        if (source instanceof RequestSource.Lines lines) {
            java.util.Set<String> keys = new java.util.HashSet<>();
            for (int i = 0; i < lines.bodies().size(); i++) {
                String key = key(profile, lines.bodies().get(i));
                if (key == null) {
                    throw new IllegalArgumentException(lines.file() + ":" + lines.lineNumbers().get(i) + ": the body has no "
                            + path + " to pair its reply by (--correlate)");
                }
                keys.add(key);
            }
            if (keys.size() == 1) {
                throw new IllegalArgumentException("--bodies " + lines.file() + ": every request has " + path + " "
                        + keys.iterator().next() + hint);
            }
            return;
        }
        String first = key(profile, source.first());
        if (first == null) {
            throw new IllegalArgumentException("--correlate " + path + ": the request body has no " + path
                    + " to pair its reply by" + hint);
        }
        if (first.equals(key(profile, source.body(2, 1, new SplittableRandom(0))))) {
            throw new IllegalArgumentException("--correlate " + path + ": every request"
                    + (source.fixed() ? "" : " of a connection") + " has " + path + " " + first + hint);
        }
    }

    /**
     * The first request's wire bytes.
     *
     * @throws IllegalArgumentException saying it is the request that a whole-frame framing (memcached) refuses
     */
    private static byte[] encode(Profile profile, byte[] body) {
        try {
            return profile.encode(new Frame(body));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the request: " + e.getMessage(), e);
        }
    }

    private static String key(Profile profile, byte[] body) {
        return profile.key(profile.outbound(new Frame(body)));
    }
}
