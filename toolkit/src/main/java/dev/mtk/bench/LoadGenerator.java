package dev.mtk.bench;

import dev.mtk.session.Client;
import dev.mtk.session.ClientConfig;
import dev.mtk.session.ClientSession;
import dev.mtk.session.ConnectFailedException;
import dev.mtk.session.Profile;
import dev.mtk.session.SessionException;
import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameLimits;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
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

        boolean requested() {
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
        if (profile.rawHandshake() && (!config.exchange() || config.pipeline() > 1)) {
            throw new IllegalArgumentException("profile " + profile.name() + " confirms each message unframed, so it "
                    + "needs --exchange and --pipeline 1");
        }
        byte[] body;
        try {
            body = config.body() == null ? RequestBodies.of(profile.payload(), config.size())
                    : profile.payload().parse(config.body());
        } catch (dev.mtk.spi.PayloadException e) {
            throw new IllegalArgumentException("the request body: " + e.getMessage(), e);
        }
        byte[] request;
        try {
            request = profile.encode(new Frame(body));
        } catch (IllegalArgumentException e) {
            // A whole-frame framing (memcached) refuses a request that is not a right frame: say it is the request.
            throw new IllegalArgumentException("the request: " + e.getMessage(), e);
        }
        byte[] confirmation = config.exchange() ? profile.encode(profile.confirmation()) : null;
        int ioThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
        try (Client client = Client.open(new ClientConfig(profile, limits, config.timeout(), ioThreads, tls))) {
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
            long start = System.nanoTime();
            LoadRun run = new LoadRun(sessions.size(), start + config.warmup().toNanos());
            if (connectErrors > 0) {
                run.failed("connect", connectErrors);
            }
            List<BenchConnection> connections = new ArrayList<>();
            for (ClientSession session : sessions) {
                connections.add(new BenchConnection(session, run, config, request, confirmation, start));
            }
            Progress live = new Progress(run, progress, progress != null, start);
            Thread liveThread = new Thread(live, "mtk-bench-progress");
            liveThread.setDaemon(true);
            liveThread.start();
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
                live.stop(liveThread, stopped);
            }
            double stoppedAfter = stopped ? (System.nanoTime() - start) / 1e9 : 0;
            run.interval();
            Histogram total = run.total();
            double seconds = Math.max(0, run.lastAnswer(run.measureFrom()) - run.measureFrom()) / 1e9;
            BenchReport.Latency latency = new BenchReport.Latency(micros(total, 50), micros(total, 90), micros(total, 99),
                    micros(total, 99.9), total.getMaxValue() / 1e3, total.getMean() / 1e3);
            return new BenchReport(config.host() + ":" + config.port(), profile.describe(), config, run.completed(),
                    seconds, run.bytesOut(), run.bytesIn(), latency, run.errors(), total.copy(), stoppedAfter);
        }
    }

    private static double micros(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e3;
    }
}
