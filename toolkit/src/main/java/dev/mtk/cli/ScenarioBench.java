package dev.mtk.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mtk.bench.result.IntervalLog;
import dev.mtk.bench.scenario.ScenarioLoad;
import dev.mtk.bench.scenario.ScenarioReport;
import dev.mtk.bench.scenario.ScenarioRun;
import dev.mtk.bench.shard.StartGate;
import dev.mtk.script.Scenario;
import dev.mtk.script.ScriptError;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code mtk bench --scenario FILE.groovy [SCRIPT ARGS...]}: the scenario of {@code mtk run} as virtual users, in the
 * closed model ({@code --users}) or the open one ({@code --arrival-rate}). Its options are defined here, and only
 * the branch into it in {@link BenchCommand}, so that the request bench and the scenario bench stay apart.
 */
final class ScenarioBench {
    static final String SCENARIO = "scenario";
    private static final String USERS = "users";
    private static final String ARRIVAL_RATE = "arrival-rate";
    private static final String MAX_USERS = "max-users";
    private static final String RAMP_UP = "ramp-up";
    private static final String ITERATIONS = "iterations";
    private static final List<String> SCENARIO_ONLY = List.of(USERS, ARRIVAL_RATE, MAX_USERS, RAMP_UP, ITERATIONS);
    /** The request bench's options, which mean nothing to a scenario: its script says what it sends, and where. */
    private static final List<String> REQUESTS_ONLY = List.of("connections", "messages", "warmup", "size", "body",
            "bodies", "expect", "pipeline", "rate", "exchange", "timeout", "host", "port", "profile", "framing", "payload",
            "correlate");

    private ScenarioBench() {
    }

    static Options add(Options options) {
        options.addOption(Option.builder().longOpt(SCENARIO).hasArg().argName("FILE.groovy")
                .desc("run the scenario script of mtk run as virtual users; the words after the options are its "
                        + "args (put -- before any that start with -)").get());
        options.addOption(Option.builder().longOpt(USERS).hasArg().argName("N")
                .desc("scenario, closed model: N users, each looping the scenario (default 1)").get());
        options.addOption(Option.builder().longOpt(ARRIVAL_RATE).hasArg().argName("R")
                .desc("scenario, open model: start R iterations a second, whether or not earlier ones ended; "
                        + "their time counts from when they were due").get());
        options.addOption(Option.builder().longOpt(MAX_USERS).hasArg().argName("N")
                .desc("scenario, open model: at most N users at once (default " + ScenarioLoad.DEFAULT_MAX_USERS
                        + ")").get());
        options.addOption(Option.builder().longOpt(RAMP_UP).hasArg().argName("DURATION")
                .desc("scenario, closed model: start the users evenly over DURATION (default 0)").get());
        options.addOption(Option.builder().longOpt(ITERATIONS).hasArg().argName("N")
                .desc("scenario: N iterations over all users, instead of --duration").get());
        return options;
    }

    /** Whether {@code line} asks for any scenario option without {@code --scenario}: a usage error. */
    static void checkNoScenarioOptions(CommandLine line) {
        for (String option : SCENARIO_ONLY) {
            if (line.hasOption(option)) {
                throw new UsageException("--" + option + " is for a scenario: give --scenario FILE.groovy");
            }
        }
    }

    static int run(CommandLine line, Console console, StopSignal stop) throws ScriptError, InterruptedException,
            IOException {
        for (String option : REQUESTS_ONLY) {
            if (line.hasOption(option)) {
                throw new UsageException("--" + option + " is for a request bench; a scenario's script says what it "
                        + "sends and where" + (option.equals("rate") ? " (the open model is --arrival-rate)" : ""));
            }
        }
        ScenarioLoad load = load(line);
        // A line per message from thousands of users would drown the report, as in the request bench.
        Logging.conversation(true);
        Path hgrm = line.hasOption("hgrm") ? Path.of(line.getOptionValue("hgrm")) : null;
        if (hgrm != null && OutputFile.refused(console, "--hgrm", hgrm)) {
            return Mtk.USAGE;
        }
        Path hlog = line.hasOption("hlog") ? Path.of(line.getOptionValue("hlog")) : null;
        if (hlog != null && OutputFile.refused(console, "--hlog", hlog)) {
            return Mtk.USAGE;
        }
        Path file = Path.of(line.getOptionValue(SCENARIO));
        PrintStream live = Boolean.getBoolean("mtk.stderr.tty") ? console.err() : null;
        ScenarioReport report;
        boolean hlogFailed = false;
        try (Scenario scenario = Scenario.compile(file, line.getArgList(), CommonOptions.codecs(line, console), true)) {
            ScenarioRun.Stop early = new ScenarioRun.Stop();
            StartGate gate = ShardOptions.gate(line, console, live, early::requested);
            IntervalLog intervals = hlog == null ? null : BenchCommand.openLog(hlog, load.startAt(), console);
            if (hlog != null && intervals == null) {
                return Mtk.USAGE;
            }
            // SIGINT or SIGTERM (Main's shutdown hook) ends the run early; the hook waits for the report below.
            Thread watcher = stop.armAndWatch(early::request);
            try {
                report = ScenarioRun.run(load, scenario, live, early, gate, intervals);
            } finally {
                watcher.interrupt();
                if (intervals != null && !BenchCommand.closeLog(intervals, hlog, console)) {
                    hlogFailed = true;
                }
            }
        }
        if (line.hasOption("json")) {
            console.out().println(JsonMapper.builder().build().writeValueAsString(report.toMap()));
        } else {
            console.out().print(report.toText());
        }
        console.out().flush();
        // The iteration's distribution: what a whole user's visit took.
        if (hgrm != null && !BenchCommand.writeHistogram(report.iteration().histogram(), hgrm, console)) {
            return Mtk.FAILED;
        }
        return report.passed() && !hlogFailed ? Mtk.OK : Mtk.FAILED;
    }

    private static ScenarioLoad load(CommandLine line) {
        ScenarioLoad.Builder load = ScenarioLoad.builder().shard(ShardOptions.shard(line))
                .startAt(ShardOptions.startAt(line));
        if (line.hasOption(USERS)) {
            load.users(OptionValues.positiveInt("--" + USERS, line.getOptionValue(USERS)));
        }
        if (line.hasOption(ARRIVAL_RATE)) {
            load.arrivalRate(rate(line.getOptionValue(ARRIVAL_RATE)));
        }
        if (line.hasOption(MAX_USERS)) {
            if (!line.hasOption(ARRIVAL_RATE)) {
                throw new UsageException("--max-users caps the open model: give it with --arrival-rate (the closed "
                        + "model's users are --users)");
            }
            load.maxUsers(OptionValues.positiveInt("--" + MAX_USERS, line.getOptionValue(MAX_USERS)));
        }
        if (line.hasOption(RAMP_UP)) {
            load.rampUp(OptionValues.duration("--" + RAMP_UP, line.getOptionValue(RAMP_UP)));
        }
        if (line.hasOption(ITERATIONS) && line.hasOption("duration")) {
            throw new UsageException("give --iterations or --duration, not both");
        }
        if (line.hasOption(ITERATIONS)) {
            load.iterations(OptionValues.positiveInt("--" + ITERATIONS, line.getOptionValue(ITERATIONS)));
        }
        if (line.hasOption("duration")) {
            load.duration(OptionValues.duration("--duration", line.getOptionValue("duration")));
        }
        try {
            return load.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** {@code 50}, {@code 0.5}, {@code 50/s}: iterations a second. */
    private static double rate(String text) {
        String number = text.trim().endsWith("/s") ? text.trim().substring(0, text.trim().length() - 2) : text.trim();
        try {
            double rate = Double.parseDouble(number);
            if (rate > 0 && !Double.isInfinite(rate)) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("invalid --" + ARRIVAL_RATE + " '" + text
                + "': expected a positive number of iterations a second (50, 0.5, 50/s)");
    }
}
