package dev.mtk.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mtk.bench.result.LoadResult;
import dev.mtk.bench.result.Timing;
import dev.mtk.bench.shard.Shard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/kubernetes/bench-job.yaml's command line run here, since no cluster or Docker engine is reachable: for each
 * index the container's env is made as envsubst and the Job controller would make it, its {@code $(NAME)}s are
 * expanded as the kubelet would, and {@code dist/bin/mtk} (the launcher the image's entrypoint is) runs it against a
 * {@code mtk server} on loopback. Only what a user edits changes: TARGET (the server), START_AT (a moment ahead),
 * and a smaller USERS and DURATION. The shards run once, for all the tests below.
 */
class BenchJobRunIT {
    private static final Path LAUNCHER = Path.of(System.getProperty("mtk.clone.launcher")).toAbsolutePath().normalize();
    private static final Path DEPLOY = Path.of(System.getProperty("mtk.root")).toAbsolutePath().normalize()
            .resolve("deploy/kubernetes");
    /** The load each shard's share is taken from: 2 users a shard, for long enough to finish some iterations. */
    private static final Map<String, String> SMALLER_LOAD = Map.of("USERS", "6", "DURATION", "2s");

    @TempDir
    static Path temp;

    private static final List<Path> shardFiles = new ArrayList<>();
    private static final List<Integer> exitCodes = new ArrayList<>();
    private static final List<String> logs = new ArrayList<>();
    private static int shards;
    private static Instant startAt;
    private static ServerProcess server;

    @BeforeAll
    static void runTheJobsShards() throws Exception {
        BenchJob job = BenchJob.read(DEPLOY.resolve("bench-job.yaml"));
        Dockerfile image = Dockerfile.read(DEPLOY.resolve("Dockerfile"));
        shards = (Integer) job.jobSpec().get("completions");
        List<String> args = mountScenario(job);
        server = ServerProcess.quiet(LAUNCHER, temp);
        // envsubst's form of the guide's $(date -u -d '+N sec' +%Y-%m-%dT%H:%M:%SZ): whole seconds.
        startAt = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> filled = Map.of("START_AT", startAt.toString(), "TARGET", "127.0.0.1:" + server.port());

        List<Process> processes = new ArrayList<>();
        for (int index = 0; index < shards; index++) {
            Map<String, String> env = containerEnv(job, image, filled, index);
            List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
            args.forEach(arg -> command.add(BenchJob.expand(arg, env)));
            Path log = temp.resolve("pod-" + index + ".log");
            ProcessBuilder pod = new ProcessBuilder(command).directory(temp.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    // kubectl logs gives standard output and standard error as one stream.
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pod.environment().putAll(env);
            processes.add(pod.start());
        }
        for (int index = 0; index < shards; index++) {
            Process pod = processes.get(index);
            assertThat(pod.waitFor(120, TimeUnit.SECONDS)).as("shard %d finished", index).isTrue();
            exitCodes.add(pod.exitValue());
            String log = Files.readString(temp.resolve("pod-" + index + ".log"), StandardCharsets.UTF_8);
            logs.add(log);
            // The guide's grep '^{' > shard-I.json.
            Path shardFile = temp.resolve("shard-" + index + ".json");
            Files.writeString(shardFile, String.join("\n", log.lines().filter(line -> line.startsWith("{")).toList()),
                    StandardCharsets.UTF_8);
            shardFiles.add(shardFile);
        }
    }

    @AfterAll
    static void stopTheServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    /**
     * The ConfigMap's files written where its volume would be mounted, and the command line's path to the scenario
     * pointed there.
     */
    private static List<String> mountScenario(BenchJob job) throws IOException {
        String scenario = job.argAfter("--scenario");
        String mountPath = scenario.substring(0, scenario.lastIndexOf('/'));
        Path mounted = Files.createDirectories(temp.resolve("mount"));
        for (Map.Entry<String, Object> file : job.configMapData().entrySet()) {
            Files.writeString(mounted.resolve(file.getKey()), String.valueOf(file.getValue()), StandardCharsets.UTF_8);
        }
        return job.args().stream()
                .map(arg -> arg.startsWith(mountPath + "/") ? mounted + arg.substring(mountPath.length()) : arg)
                .toList();
    }

    /**
     * Pod {@code index}'s environment: the image's ENV, then the container's env with envsubst's {@code filled}
     * values in and the completion index from its annotation, then the smaller load.
     */
    private static Map<String, String> containerEnv(BenchJob job, Dockerfile image, Map<String, String> filled,
            int index) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : image.all("ENV")) {
            String[] pair = line.split("=", 2);
            env.put(pair[0], pair[1]);
        }
        job.env().forEach((name, entry) -> {
            if (entry.containsKey("valueFrom")) {
                assertThat(String.valueOf(entry.get("valueFrom"))).as("env %s", name)
                        .contains("batch.kubernetes.io/job-completion-index");
                env.put(name, String.valueOf(index));
            } else {
                String value = String.valueOf(entry.get("value"));
                for (Map.Entry<String, String> fill : filled.entrySet()) {
                    value = value.replace("${" + fill.getKey() + "}", fill.getValue());
                }
                env.put(name, value);
            }
        });
        env.putAll(SMALLER_LOAD);
        return env;
    }

    private static LoadResult shardResult(int index) throws IOException {
        Map<?, ?> json = JsonMapper.builder().build().readValue(shardFiles.get(index).toFile(), Map.class);
        return LoadResult.fromMap(json, shardFiles.get(index).toString());
    }

    private static long count(LoadResult result, String timing) {
        return result.timings().stream().filter(each -> each.name().equals(timing)).mapToLong(Timing::count)
                .sum();
    }

    @Test
    void everyShardExitsZeroAndLeavesOneLineOfJsonInItsLog() throws IOException {
        for (int index = 0; index < shards; index++) {
            assertThat(exitCodes.get(index)).as("shard %d exit code; its log:%n%s", index, logs.get(index)).isZero();
            assertThat(Files.readString(shardFiles.get(index)).lines()).as("shard %d's JSON lines", index).hasSize(1);
        }
    }

    @Test
    void eachShardReportsItsOwnIndexOfTheJobsCount() throws IOException {
        for (int index = 0; index < shards; index++) {
            assertThat(shardResult(index).shard()).isEqualTo(Shard.of(index, shards));
        }
    }

    @Test
    void noShardStartsBeforeTheStartTime() throws IOException {
        for (int index = 0; index < shards; index++) {
            assertThat(shardResult(index).startedAt()).as("shard %d's start", index).isAfterOrEqualTo(startAt);
        }
    }

    @Test
    void theMergedResultCountsEveryShardsIterations() throws Exception {
        long sum = 0;
        for (int index = 0; index < shards; index++) {
            sum += count(shardResult(index), "iteration");
        }
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString(), "bench", "merge"));
        shardFiles.forEach(file -> command.add(file.toString()));
        command.add("--json");
        Path out = temp.resolve("merged.json");
        Process merge = new ProcessBuilder(command).directory(temp.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(temp.resolve("merge.err").toFile()).start();
        assertThat(merge.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(merge.exitValue()).as(Files.readString(temp.resolve("merge.err"))).isZero();
        LoadResult merged = LoadResult.fromMap(JsonMapper.builder().build().readValue(out.toFile(), Map.class), "merged");

        assertThat(sum).as("iterations over all shards").isPositive();
        assertThat(count(merged, "iteration")).isEqualTo(sum);
    }
}
