package dev.mtk.cli;

import dev.mtk.bench.shard.Shard;
import dev.mtk.bench.shard.StartAt;
import dev.mtk.bench.shard.StartGate;
import java.io.PrintStream;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code --shard I/N} and {@code --start-at TIME}, for every kind of {@code mtk bench} run (requests or a scenario):
 * one of N generators, all starting at one moment. Defined and read here once so both kinds say the same.
 */
final class ShardOptions {
    static final String SHARD = "shard";
    static final String START_AT = "start-at";

    private ShardOptions() {
    }

    /** Adds both options to {@code options}; returns it. */
    static Options add(Options options) {
        options.addOption(Option.builder().longOpt(SHARD).hasArg().argName("I/N")
                .desc("run as generator I of N (I from 0, as a Kubernetes Indexed Job's JOB_COMPLETION_INDEX): this "
                        + "one's share of the connections (or users) and of the rate; merge the N --json results "
                        + "with mtk bench merge").get());
        options.addOption(Option.builder().longOpt(START_AT).hasArg().argName("INSTANT")
                .desc("connect, then wait until INSTANT (ISO-8601, e.g. 2026-12-01T23:00:00Z) to start, so that shards "
                        + "started one by one load together; a time already past starts at once, with a warning")
                .get());
        return options;
    }

    /**
     * The {@code --shard} given, or {@link Shard#WHOLE}.
     *
     * @throws UsageException when it is not {@code I/N} with {@code 0 <= I < N}
     */
    static Shard shard(CommandLine line) {
        if (!line.hasOption(SHARD)) {
            return Shard.WHOLE;
        }
        try {
            return Shard.parse(line.getOptionValue(SHARD));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * The {@code --start-at} given, or {@code null}.
     *
     * @throws UsageException when it is not an ISO-8601 instant
     */
    static StartAt startAt(CommandLine line) {
        if (!line.hasOption(START_AT)) {
            return null;
        }
        try {
            return StartAt.parse(line.getOptionValue(START_AT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * What the run waits for: nothing without {@code --start-at}; else a {@link StartCountdown} that counts down on
     * {@code live} (a terminal; {@code null} when piped), warns on the console's standard error when the time has
     * passed, and gives up when {@code stopping} says the run is being stopped.
     *
     * @throws UsageException when {@code --start-at} is not an ISO-8601 instant
     */
    static StartGate gate(CommandLine line, Console console, PrintStream live, BooleanSupplier stopping) {
        StartAt at = startAt(line);
        return at == null ? StartGate.OPEN
                : new StartCountdown(at, Clock.systemUTC(), live, console.err(), stopping);
    }
}
