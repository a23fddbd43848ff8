package dev.mtk.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtk.embed.MtkClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API of a running {@code dist/bin/mtk server --admin 127.0.0.1:0}, driven with the JDK's HTTP client as
 * a test in another language would drive it, and {@code --watch} reloading a script as someone edits it.
 */
class AdminIT {
    private static final Path LAUNCHER = Path.of(System.getProperty("mtk.clone.launcher")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path temp;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private ServerProcess server;
    private MtkClient client;

    @AfterEach
    void stop() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private ServerProcess serve(String... args) throws IOException {
        return serve(Map.of(), args);
    }

    private ServerProcess serve(Map<String, String> env, String... args) throws IOException {
        List<String> all = new java.util.ArrayList<>(List.of("-p", "0", "--profile", "reply", "--admin", "127.0.0.1:0"));
        all.addAll(List.of(args));
        server = ServerProcess.start(LAUNCHER, temp, env, all.toArray(String[]::new));
        return server;
    }

    private MtkClient connect() {
        client = MtkClient.builder().port(server.port()).profile("reply").connect();
        return client;
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.adminUrl() + path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private JsonNode entries(String query) throws Exception {
        HttpResponse<String> journal = send("GET", "/journal" + query, null, null);
        assertThat(journal.statusCode()).as(journal.body()).isEqualTo(200);
        return json(journal).get("entries");
    }

    private int mtkClient(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toString(), "client",
                "127.0.0.1:" + server.port(), "--profile", "reply"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(temp.resolve("client.out").toFile()).redirectError(temp.resolve("client.err").toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("mtk client finished").isTrue();
        return process.exitValue();
    }

    @Test
    void theJournalHoldsWhatAnMtkClientSent() throws Exception {
        serve();

        assertThat(mtkClient("-e", "{\"op\":\"put\",\"key\":\"a\"}", "-e", "{\"op\":\"get\",\"key\":\"a\"}")).isZero();

        JsonNode puts = entries("?path=%24.op&value=put");
        assertThat(puts).hasSize(1);
        assertThat(puts.get(0).get("value")).isEqualTo(JSON.readTree("{\"op\":\"put\",\"key\":\"a\"}"));
        assertThat(puts.get(0).get("peer").asText()).startsWith("127.0.0.1:");
        assertThat(entries("?since=1")).hasSize(1);
    }

    @Test
    void metricsCountWhatAnMtkClientSentAndWhatTheServerAnswered() throws Exception {
        serve();
        List<String> bodies = List.of("{\"op\":\"put\",\"key\":\"a\"}", "{\"op\":\"get\"}", "{\"n\":1234567}");
        assertThat(mtkClient("-e", bodies.get(0), "-e", bodies.get(1), "-e", bodies.get(2))).isZero();
        // The reply profile: a 4-byte length, then the body; the default server echoes each request.
        long wire = bodies.stream().mapToLong(body -> 4 + body.getBytes(StandardCharsets.UTF_8).length).sum();

        HttpResponse<String> metrics = send("GET", "/metrics", null, null);

        assertThat(metrics.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new java.util.HashMap<>();
        for (String line : metrics.body().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String name = line.substring(0, line.lastIndexOf(' '));
                samples.put(name.contains("{") ? name.substring(0, name.indexOf('{')) : name,
                        Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        assertThat(samples).containsEntry("mtk_server_connections_opened_total", 1.0)
                .containsEntry("mtk_server_messages_received_total", 3.0)
                .containsEntry("mtk_server_messages_sent_total", 3.0)
                .containsEntry("mtk_server_received_bytes_total", (double) wire)
                .containsEntry("mtk_server_sent_bytes_total", (double) wire);
    }

    @Test
    void resetEmptiesTheJournal() throws Exception {
        serve();
        assertThat(mtkClient("-e", "{\"op\":\"put\"}")).isZero();

        HttpResponse<String> reset = send("POST", "/reset", null, null);

        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(entries("")).isEmpty();
    }

    @Test
    void aBehaviourReplacedWhileAClientStaysConnectedChangesItsNextReply() throws Exception {
        serve();
        assertThat(connect().request(Map.of("n", 1)).value()).isEqualTo(Map.of("n", 1));
        long session = json(send("GET", "/sessions", null, null)).get("sessions").get(0).get("id").asLong();

        HttpResponse<String> replaced = send("PUT", "/behaviour",
                "{\"script\": \"onMessage { msg -> reply([seen: msg['n']]) }\", \"name\": \"seen.groovy\"}", null);

        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(client.request(Map.of("n", 2)).value()).isEqualTo(Map.of("seen", 2));
        JsonNode sessions = json(send("GET", "/sessions", null, null)).get("sessions");
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).get("id").asLong()).as("the same connection").isEqualTo(session);
    }

    @Test
    void aScriptThatDoesNotCompileIsRefusedWithItsLineAndTheOldBehaviourStays() throws Exception {
        serve();
        connect().request(Map.of("n", 1));

        HttpResponse<String> refused = send("PUT", "/behaviour",
                "{\"script\": \"// broken\\nonMessage { reply(1 +) }\", \"name\": \"broken.groovy\"}", null);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).get("error").asText()).matches("broken\\.groovy:2:\\d+: .*");
        assertThat(client.request(Map.of("n", 2)).value()).isEqualTo(Map.of("n", 2));
    }

    @Test
    void aWrongTokenIsRefusedAndTheRightOneServed() throws Exception {
        serve(Map.of("MTK_ADMIN_TOKEN", "s3cret"));

        HttpResponse<String> wrong = send("GET", "/health", null, "guess");
        HttpResponse<String> right = send("GET", "/health", null, "s3cret");

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("error").asText()).isEqualTo("wrong token");
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(json(right).get("status").asText()).isEqualTo("up");
    }

    @Test
    void aWatchedScriptIsReloadedWhenItChangesAndAConnectedClientMeetsIt() throws Exception {
        Path script = Files.writeString(temp.resolve("answer.groovy"), "onMessage { reply([answer: 1]) }\n");
        serve("--script", script.toString(), "--watch");
        assertThat(connect().request(Map.of("n", 1)).value()).isEqualTo(Map.of("answer", 1));

        Files.writeString(script, "onMessage { reply([answer: 2]) }\n", StandardCharsets.UTF_8);

        server.awaitOut("reloaded " + script);
        assertThat(client.request(Map.of("n", 2)).value()).isEqualTo(Map.of("answer", 2));
    }

    @Test
    void aWatchedScriptThatNoLongerCompilesKeepsTheOldBehaviourAndSaysWhere() throws Exception {
        Path script = Files.writeString(temp.resolve("answer.groovy"), "onMessage { reply([answer: 1]) }\n");
        serve("--script", script.toString(), "--watch");
        connect().request(Map.of("n", 1));

        Files.writeString(script, "// answers 2\nonMessage { reply(1 +) }\n", StandardCharsets.UTF_8);

        org.awaitility.Awaitility.await().atMost(TIMEOUT).until(() -> server.err().contains("kept the old behaviour"));
        assertThat(server.err()).contains("mtk: warning: kept the old behaviour: " + script + ":2:");
        assertThat(client.request(Map.of("n", 2)).value()).isEqualTo(Map.of("answer", 1));
    }
}
