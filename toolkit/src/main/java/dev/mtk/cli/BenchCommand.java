package dev.mtk.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mtk.bench.BenchConfig;
import dev.mtk.bench.BenchReport;
import dev.mtk.bench.LoadGenerator;
import dev.mtk.bench.result.IntervalLog;
import dev.mtk.bench.shard.StartAt;
import dev.mtk.bench.shard.StartGate;
import dev.mtk.internal.HostPort;
import dev.mtk.session.Profile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code mtk bench}: closed-loop (or rate-limited) load on a server, then a report. Exit 1 when any request failed
 * or none was answered.
 * SIGINT or SIGTERM ({@link StopSignal}) ends the run early with the report of what it measured, marked as stopped,
 * and the exit code a finished run would have had: 0 when every request sent was answered.
 */
final class BenchCommand implements ConnectingCommand {
    private static final String CONNECTIONS = "connections";
    private static final String MESSAGES = "messages";
    private static final String DURATION = "duration";
    private static final String WARMUP = "warmup";
    private static final String SIZE = "size";
    private static final String PIPELINE = "pipeline";
    private static final String RATE = "rate";
    private static final String EXCHANGE = "exchange";
    private static final String TIMEOUT = "timeout";
    private static final String JSON = "json";
    private static final String HGRM = "hgrm";
    private static final String HLOG = "hlog";
    private static final String BODY = "body";
    private static final String BODIES = "bodies";
    private static final String EXPECT = "expect";

    private final StopSignal stop;

    BenchCommand(StopSignal stop) {
        this.stop = stop;
    }

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "load a server: throughput, latency percentiles (HdrHistogram), errors";
    }

    @Override
    public List<String> examples() {
        return List.of("mtk bench 127.0.0.1:7373 -c 16 -d 30s        # closed loop, 16 connections",
                "mtk bench 127.0.0.1:7373 --rate 5000 --json  # 5000 msg/s, a JSON report",
                "mtk bench 127.0.0.1:7373 --profile reply --correlate '$.id' --pipeline 8 --body '{\"id\":${seq}}'"
                        + "  # replies paired by id, in any order",
                "mtk bench 127.0.0.1:7373 -c 30 -n 1000 --shard 0/3 --json > s0.json  # one of 3 generators",
                "mtk bench merge s0.json s1.json s2.json   # the shards' results as one",
                "mtk bench --scenario scripts/load-login.groovy --users 50 --ramp-up 5s -d 30s  # 50 virtual users",
                "mtk bench --scenario scripts/load-login.groovy --arrival-rate 200 -d 1m  # 200 iterations/s, open");
    }

    @Override
    public Map<String, Command> subcommands() {
        return Map.of("merge", new BenchMergeCommand());
    }

    @Override
    public Options options() {
        Options options = CommonOptions.addDebugAndHelp(CommonOptions.addClientTls(CommonOptions.addSpeaking(CommonOptions.addAddress(new Options()))));
        options.addOption(Option.builder("c").longOpt(CONNECTIONS).hasArg().argName("N")
                .desc("connections (default 16)").get());
        options.addOption(Option.builder("n").longOpt(MESSAGES).hasArg().argName("N")
                .desc("messages per connection; default: run for --duration").get());
        options.addOption(Option.builder("d").longOpt(DURATION).hasArg().argName("DURATION")
                .desc("how long to measure, e.g. 10, 30s, 2m (default 10s)").get());
        options.addOption(Option.builder().longOpt(WARMUP).hasArg().argName("DURATION")
                .desc("load before measuring, not counted (default 0)").get());
        options.addOption(Option.builder().longOpt(SIZE).hasArg().argName("BYTES")
                .desc("request body size (default 64)").get());
        options.addOption(Option.builder().longOpt(BODY).hasArg().argName("TEMPLATE")
                .desc("the request as typed for the payload, with per-request values: ${seq} (1, 2, ... over the "
                        + "run), ${conn} (the connection, from 1), ${random:MIN..MAX}, ${pick:A,B,...}, e.g. "
                        + "'{\"id\":${seq},\"key\":\"${pick:a,b}\"}' (default: --size bytes)").get());
        options.addOption(Option.builder().longOpt(BODIES).hasArg().argName("FILE")
                .desc("requests from a file, one per line (JSON lines for json), used in turn").get());
        options.addOption(Option.builder().longOpt(EXPECT).hasArg().argName("CHECK")
                .desc("what every reply must satisfy: PATH=JSON ('$.ok=true') or a Groovy closure "
                        + "('{ it.value.ok && it.value.id > 0 }'); a failed check is an error").get());
        options.addOption(Option.builder().longOpt(PIPELINE).hasArg().argName("N")
                .desc("requests in flight per connection (default 1)").get());
        options.addOption(Option.builder().longOpt(RATE).hasArg().argName("N")
                .desc("target rate in messages a second over all connections; latency is then measured from the intended send time").get());
        // The shared --exchange, with its value optional: a bare --exchange is bench's older flag for the seed's.
        options.addOption(Option.builder().longOpt(EXCHANGE).hasArg().optionalArg(true).argName("KIND")
                .desc("what each request is part of, instead of the profile's: seed (message, acknowledgement, ok; "
                        + "also a bare --exchange), reply (request, then its reply), oneway (only sent: send "
                        + "throughput, nothing awaited)").get());
        options.addOption(Option.builder().longOpt(TIMEOUT).hasArg().argName("DURATION")
                .desc("how long to wait to connect and for each answer (default 5s)").get());
        options.addOption(Option.builder().longOpt(JSON).desc("print the report as one JSON object").get());
        options.addOption(Option.builder().longOpt(HGRM).hasArg().argName("FILE")
                .desc("write the latency percentile distribution (HdrHistogram .hgrm, milliseconds); a "
                        + "scenario's iteration").get());
        options.addOption(Option.builder().longOpt(HLOG).hasArg().argName("FILE")
                .desc("write an HdrHistogram interval log: each second's latencies, tagged request (a scenario: "
                        + "each step's and the iteration's)").get());
        ShardOptions.add(options);
        return ScenarioBench.add(options);
    }

    @Override
    public int run(CommandLine line, Console console) throws Exception {
        if (line.hasOption(ScenarioBench.SCENARIO)) {
            return ScenarioBench.run(line, console, stop);
        }
        ScenarioBench.checkNoScenarioOptions(line);
        Profile profile = CommonOptions.profile(line, CommonOptions.codecs(line, console));
        Logging.conversation(true);
        long messages = line.hasOption(MESSAGES) ? OptionValues.positiveInt("--" + MESSAGES, line.getOptionValue(MESSAGES)) : 0;
        Duration duration = line.hasOption(DURATION) ? OptionValues.duration("--" + DURATION, line.getOptionValue(DURATION))
                : Duration.ofSeconds(10);
        if (messages > 0 && line.hasOption(DURATION)) {
            throw new UsageException("give --messages or --duration, not both");
        }
        BenchConfig config;
        try {
            HostPort address = CommonOptions.connectTo(line);
            BenchConfig.Builder builder = BenchConfig.builder(address.host(), address.port())
                    .messages(messages)
                    .duration(duration)
                    .body(line.getOptionValue(BODY))
                    .bodies(line.hasOption(BODIES) ? Path.of(line.getOptionValue(BODIES)) : null)
                    .expect(line.getOptionValue(EXPECT))
                    .shard(ShardOptions.shard(line));
            if (line.hasOption(CONNECTIONS)) {
                builder.connections(OptionValues.positiveInt("--" + CONNECTIONS, line.getOptionValue(CONNECTIONS)));
            }
            if (line.hasOption(WARMUP)) {
                builder.warmup(OptionValues.duration("--" + WARMUP, line.getOptionValue(WARMUP)));
            }
            if (line.hasOption(SIZE)) {
                builder.size(OptionValues.bytes("--" + SIZE, line.getOptionValue(SIZE)));
            }
            if (line.hasOption(PIPELINE)) {
                builder.pipeline(OptionValues.positiveInt("--" + PIPELINE, line.getOptionValue(PIPELINE)));
            }
            if (line.hasOption(RATE)) {
                builder.rate(OptionValues.positiveInt("--" + RATE, line.getOptionValue(RATE)));
            }
            if (line.hasOption(TIMEOUT)) {
                builder.timeout(OptionValues.duration("--" + TIMEOUT, line.getOptionValue(TIMEOUT)));
            }
            config = builder.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path hgrm = line.hasOption(HGRM) ? Path.of(line.getOptionValue(HGRM)) : null;
        if (hgrm != null && OutputFile.refused(console, "--" + HGRM, hgrm)) {
            return Mtk.USAGE;
        }
        Path hlog = line.hasOption(HLOG) ? Path.of(line.getOptionValue(HLOG)) : null;
        if (hlog != null && OutputFile.refused(console, "--" + HLOG, hlog)) {
            return Mtk.USAGE;
        }
        PrintStream progress = Boolean.getBoolean("mtk.stderr.tty") ? console.err() : null;
        BenchReport report;
        LoadGenerator.Stop early = new LoadGenerator.Stop();
        StartGate gate = ShardOptions.gate(line, console, progress, early::requested);
        StartAt startAt = ShardOptions.startAt(line);
        IntervalLog intervals = hlog == null ? null : openLog(hlog, startAt, console);
        if (hlog != null && intervals == null) {
            return Mtk.USAGE;
        }
        // SIGINT or SIGTERM (Main's shutdown hook) ends the run early; the hook waits for the report below.
        Thread watcher = stop.armAndWatch(early::request);
        boolean hlogFailed = false;
        try {
            report = LoadGenerator.run(config, profile, CommonOptions.limits(line), CommonOptions.tls(line, console),
                    progress, early, gate, intervals);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } finally {
            watcher.interrupt();
            if (intervals != null && !closeLog(intervals, hlog, console)) {
                hlogFailed = true;
            }
        }
        // The report first: a file that still cannot be written (the disk filled up) must not cost the run.
        if (line.hasOption(JSON)) {
            console.out().println(JsonMapper.builder().build().writeValueAsString(report.toMap()));
        } else {
            console.out().print(report.toText());
        }
        console.out().flush();
        if (hgrm != null && !writeHistogram(report.histogram(), hgrm, console)) {
            return Mtk.FAILED;
        }
        return hlogFailed || report.errorCount() > 0 || !report.answered() ? Mtk.FAILED : Mtk.OK;
    }

    /**
     * Creates the interval log {@code hlog}; {@code null} when it cannot be created, having said so. Shards that start
     * together ({@code startAt}) share the log's base time, so their logs line up second by second.
     */
    static IntervalLog openLog(Path hlog, StartAt startAt, Console console) {
        try {
            return IntervalLog.open(hlog, startAt != null ? startAt.instant() : Instant.now());
        } catch (IOException e) {
            console.err().println(OutputFile.message("--" + HLOG, hlog, OutputFile.reason(hlog, e)));
            return null;
        }
    }

    /** Closes the interval log; {@code false} when a write failed, having said so. */
    static boolean closeLog(IntervalLog log, Path file, Console console) {
        try {
            log.close();
            return true;
        } catch (IOException e) {
            console.err().println(OutputFile.message("--" + HLOG, file, OutputFile.reason(file, e)));
            return false;
        }
    }

    /**
     * Writes {@code histogram} (nanoseconds) as an {@code .hgrm} percentile distribution in milliseconds; {@code false}
     * when it could not be written, having said so. {@code bench merge --hgrm} writes its merged histogram here too.
     */
    static boolean writeHistogram(Histogram histogram, Path hgrm, Console console) {
        try (PrintStream file = new PrintStream(Files.newOutputStream(hgrm), true, StandardCharsets.UTF_8)) {
            histogram.outputPercentileDistribution(file, 1e6);
            if (file.checkError()) {
                throw new IOException("the write failed");
            }
            return true;
        } catch (IOException e) {
            console.err().println(OutputFile.message("--" + HGRM, hgrm, OutputFile.reason(hgrm, e)));
            return false;
        }
    }
}
