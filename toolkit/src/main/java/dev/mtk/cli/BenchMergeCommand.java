package dev.mtk.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mtk.bench.BenchReport;
import dev.mtk.bench.result.LoadResult;
import dev.mtk.bench.result.Timing;
import dev.mtk.internal.InputFiles;
import dev.mtk.payload.JsonPayloadCodec;
import dev.mtk.spi.PayloadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code mtk bench merge FILE...}: the {@code --json} results of several runs (the shards of one load, or runs to
 * add up) as one, exactly: histograms added, counts added, rates over the common window ({@link LoadResult#merge}).
 * Its {@code --json} is a result again, so merges merge. A file that cannot be used is one line naming it, exit 2,
 * before anything is printed.
 */
final class BenchMergeCommand implements Command {
    private static final String JSON = "json";
    private static final String HGRM = "hgrm";
    private static final String TIMING = "timing";
    /** The timing whose histogram {@code --hgrm} writes by default for a scenario: the whole iteration. */
    private static final String SCENARIO_TIMING = "iteration";

    @Override
    public String name() {
        return "bench merge";
    }

    @Override
    public String summary() {
        return "merge the --json results of several mtk bench runs (shards) into one report: counts and "
                + "histograms added, rates over the common window";
    }

    @Override
    public String arguments() {
        return "FILE... [options]";
    }

    @Override
    public boolean takesArguments() {
        return true;
    }

    @Override
    public List<String> examples() {
        return List.of("mtk bench merge s0.json s1.json s2.json   # one table for three shards",
                "mtk bench merge s*.json --json > all.json  # a result again, to merge further",
                "mtk bench merge s*.json --hgrm login.hgrm --timing login  # one step, merged");
    }

    @Override
    public Options options() {
        Options options = new Options();
        options.addOption(Option.builder().longOpt(JSON).desc("print the merged result as one JSON object, "
                + "as mtk bench --json does (merge it again later)").get());
        options.addOption(Option.builder().longOpt(HGRM).hasArg().argName("FILE")
                .desc("write the merged latency percentile distribution of --timing (HdrHistogram .hgrm, "
                        + "milliseconds)").get());
        options.addOption(Option.builder().longOpt(TIMING).hasArg().argName("NAME")
                .desc("the timing --hgrm writes: a scenario's step, or iteration (the default for a scenario; "
                        + "request for mtk bench's requests)").get());
        return CommonOptions.addDebugAndHelp(options);
    }

    @Override
    public int run(CommandLine line, Console console) throws IOException {
        List<String> files = line.getArgList();
        if (files.isEmpty()) {
            throw new UsageException("give the files to merge, each what mtk bench --json printed");
        }
        Path hgrm = line.hasOption(HGRM) ? Path.of(line.getOptionValue(HGRM)) : null;
        if (hgrm != null && OutputFile.refused(console, "--" + HGRM, hgrm)) {
            return Mtk.USAGE;
        }
        if (line.hasOption(TIMING) && hgrm == null) {
            throw new UsageException("--" + TIMING + " chooses the histogram --" + HGRM + " writes: give --" + HGRM
                    + " FILE too");
        }
        List<LoadResult> parts = new ArrayList<>();
        LoadResult merged;
        try {
            for (String file : files) {
                parts.add(read(file));
            }
            merged = LoadResult.merge(parts, files);
        } catch (IllegalArgumentException e) {
            // A file at fault: one line naming it, no pointer to --help (the options were right).
            console.err().println("mtk " + name() + ": " + e.getMessage());
            return Mtk.USAGE;
        }
        Timing timing = null;
        if (hgrm != null) {
            String name = line.getOptionValue(TIMING,
                    merged.kind().equals(BenchReport.KIND) ? BenchReport.TIMING : SCENARIO_TIMING);
            timing = merged.timing(name);
            if (timing == null) {
                console.err().println("mtk " + name() + ": --" + TIMING + " " + name + ": no such timing in "
                        + String.join(", ", files) + "; they have " + merged.timings().stream().map(Timing::name)
                        .collect(Collectors.joining(", ")));
                return Mtk.USAGE;
            }
        }
        if (line.hasOption(JSON)) {
            console.out().println(JsonMapper.builder().build().writeValueAsString(merged.toMap()));
        } else {
            console.out().print(header(merged) + System.lineSeparator() + merged.toText());
        }
        console.out().flush();
        if (timing != null && !BenchCommand.writeHistogram(timing.histogram(), hgrm, console)) {
            return Mtk.FAILED;
        }
        // As each shard's own run would: a pipeline that merges its shards' results fails when any of them failed.
        return merged.errorCount() > 0 ? Mtk.FAILED : Mtk.OK;
    }

    /**
     * The result in {@code file}.
     *
     * @throws IllegalArgumentException naming the file: missing, unreadable, not JSON (with the line and column),
     *                                  not a result
     */
    private static LoadResult read(String file) {
        String notAFile = InputFiles.notAFile(Path.of(file));
        if (notAFile != null) {
            throw new IllegalArgumentException(file + ": " + notAFile);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read it: "
                    + (e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage()));
        }
        Object value;
        try {
            value = new JsonPayloadCodec().decode(bytes);
        } catch (PayloadException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + ": not an mtk bench --json result (not a JSON object)");
        }
        return LoadResult.fromMap(map, file);
    }

    /** {@code requests 127.0.0.1:7373, 3 results, 2026-12-01T22:40:00Z to 2026-12-01T22:40:02.004Z}. */
    private static String header(LoadResult merged) {
        int count = Math.max(1, merged.merged().size());
        return String.format(Locale.ROOT, "%s %s, %d result%s, %s to %s", merged.kind(), merged.target(), count,
                count == 1 ? "" : "s", merged.startedAt(), merged.endedAt());
    }
}
