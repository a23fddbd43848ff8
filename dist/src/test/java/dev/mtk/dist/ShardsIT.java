package dev.mtk.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtk.bench.result.CompressedHistogram;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code mtk bench --shard i/3} processes load one {@code mtk server} together from a common
 * {@code --start-at}, as the pods of a Kubernetes Indexed Job would, and {@code mtk bench merge} adds their results.
 * Each shard sends a fixed number of requests per connection ({@code -n}), every one awaited before it exits, so the
 * server's count and the merged count must agree exactly: no warm-up, nothing in flight when a timer ends.
 */
class ShardsIT {
    private static final Path LAUNCHER = Path.of(System.getProperty("mtk.clone.launcher")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONNECTIONS = 7;
    private static final int MESSAGES = 300;
    /** Long enough for three JVMs to start on a busy machine; a shard that comes later starts at once all the same. */
    private static final Duration LEAD = Duration.ofSeconds(12);

    @TempDir
    Path temp;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : started) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private Process mtk(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(temp.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(temp.resolve(name + ".json").toFile())
                .redirectError(temp.resolve(name + ".err").toFile()).start();
        started.add(process);
        return process;
    }

    private void awaitSuccess(Process process, String name) throws Exception {
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", name).isTrue();
        assertThat(process.exitValue()).as("%s: %s", name, Files.readString(temp.resolve(name + ".err"))).isZero();
    }

    private static Histogram histogram(JsonNode result) {
        return CompressedHistogram.decode(result.get("timings").get(0).get("histogram").asText());
    }

    private static long serverReceived(String admin) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(admin
                + "/metrics")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return metrics.body().lines().filter(line -> line.startsWith("mtk_server_messages_received_total "))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1))).sum();
    }

    @Test
    void threeShardsMergedCountWhatTheServerReceivedAndAddUpTheirHistograms() throws Exception {
        try (ServerProcess server = ServerProcess.start(LAUNCHER, temp, Map.of(), "-p", "0", "-q", "--profile",
                "reply", "--admin", "127.0.0.1:0")) {
            String admin = server.adminUrl();
            Instant startAt = Instant.now().plus(LEAD);
            List<Process> shards = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                shards.add(mtk("shard-" + i, "bench", "127.0.0.1:" + server.port(), "--profile", "reply", "-c",
                        String.valueOf(CONNECTIONS), "-n", String.valueOf(MESSAGES), "--pipeline", "2",
                        "--shard", i + "/3", "--start-at", startAt.toString(), "--json"));
            }
            List<JsonNode> parts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                awaitSuccess(shards.get(i), "shard-" + i);
                parts.add(JSON.readTree(temp.resolve("shard-" + i + ".json").toFile()));
            }
            Process merge = mtk("merged", "bench", "merge", "shard-0.json", "shard-1.json", "shard-2.json", "--json");
            awaitSuccess(merge, "merged");
            JsonNode merged = JSON.readTree(temp.resolve("merged.json").toFile());

            long sumOfParts = parts.stream().mapToLong(part -> part.get("timings").get(0).get("count").asLong()).sum();
            Histogram total = histogram(merged);
            assertThat(parts).extracting(part -> part.get("shard").asText()).containsExactly("0/3", "1/3", "2/3");
            assertThat(parts).allSatisfy(part -> assertThat(Instant.parse(part.get("startedAt").asText()))
                    .isAfterOrEqualTo(startAt));
            assertThat(merged.get("timings").get(0).get("count").asLong()).isEqualTo(sumOfParts)
                    .isEqualTo((long) CONNECTIONS * MESSAGES).isEqualTo(serverReceived(admin));
            assertThat(total.getTotalCount()).isEqualTo(parts.stream().mapToLong(p -> histogram(p).getTotalCount())
                    .sum());
            assertThat(total.getMaxValue()).isEqualTo(parts.stream().mapToLong(p -> histogram(p).getMaxValue()).max()
                    .orElseThrow());
            assertThat(merged.get("merged")).extracting(JsonNode::asText)
                    .containsExactly("shard-0.json", "shard-1.json", "shard-2.json");
        }
    }
}
