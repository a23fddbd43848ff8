package dev.mtk.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtk.embed.MtkClient;
import dev.mtk.embed.MtkServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin routes over real HTTP, against an embedded server on port 0. */
class AdminServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private MtkServer server;
    private AdminServer admin;
    private MtkClient client;

    @BeforeEach
    void start() {
        server = MtkServer.builder().profile("reply")
                .handler((session, message) -> session.reply(Map.of("echo", message.value()))).start();
        admin = AdminServer.builder().port(0).start(server);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        admin.close();
        server.close();
    }

    private MtkClient connect() {
        client = MtkClient.builder().port(server.port()).profile("reply").connect();
        return client;
    }

    private record Answer(int status, JsonNode body, HttpResponse<String> response) {
    }

    private Answer send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(admin.url() + path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()), response);
    }

    private Answer get(String path) throws Exception {
        return send("GET", path, null, null);
    }

    private Answer put(String path, String body) throws Exception {
        return send("PUT", path, body, null);
    }

    @Test
    void healthSaysUpAndCountsOpenSessions() throws Exception {
        connect().request(Map.of("op", "ping"));

        Answer health = get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.response().headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(health.body().get("status").asText()).isEqualTo("up");
        assertThat(health.body().get("sessions").asInt()).isEqualTo(1);
        assertThat(health.body().get("profile").asText()).isEqualTo("reply");
    }

    @Test
    void metricsAreThePrometheusTextOfTheTrafficSoFar() throws Exception {
        MtkClient client = connect();
        client.request(Map.of("op", "ping"));
        client.request(Map.of("op", "pong"));

        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(admin.url() + "/metrics"))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body()).containsPattern("(?m)^mtk_server_messages_received_total(\\{[^}]*\\})? 2\\.0$")
                .containsPattern("(?m)^mtk_server_connections_opened_total(\\{[^}]*\\})? 1\\.0$");
    }

    @Test
    void sessionsListsEachOpenSessionWithItsCounts() throws Exception {
        connect().request(Map.of("op", "ping"));

        JsonNode sessions = get("/sessions").body().get("sessions");

        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).get("id").asLong()).isEqualTo(server.sessions().get(0).id());
        assertThat(sessions.get(0).get("peer").asText()).startsWith("127.0.0.1:");
        assertThat(sessions.get(0).get("messagesIn").asLong()).isEqualTo(1);
        assertThat(sessions.get(0).get("bytesIn").asLong()).isPositive();
    }

    @Test
    void deletingASessionClosesIt() throws Exception {
        connect().request(Map.of("op", "ping"));
        long id = server.sessions().get(0).id();

        Answer closed = send("DELETE", "/sessions/" + id, null, null);

        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.body().get("closed").asLong()).isEqualTo(id);
        assertThatThrownBy(() -> client.receive(TIMEOUT)).hasMessageEndingWith(" closed");
    }

    @Test
    void deletingASessionThatIsNotOpenIsNotFound() throws Exception {
        Answer missing = send("DELETE", "/sessions/999", null, null);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("error").asText()).isEqualTo("no session 999 is open");
    }

    @Test
    void theJournalListsWhatAClientSentWithItsSeqSessionAndValue() throws Exception {
        connect().request(Map.of("op", "put", "key", "a"));

        Answer journal = get("/journal");

        JsonNode entry = journal.body().get("entries").get(0);
        assertThat(journal.body().get("lastSeq").asLong()).isEqualTo(1);
        assertThat(entry.get("seq").asLong()).isEqualTo(1);
        assertThat(entry.get("session").asLong()).isEqualTo(server.sessions().get(0).id());
        assertThat(entry.get("peer").asText()).startsWith("127.0.0.1:");
        assertThat(entry.get("at").asText()).isNotEmpty();
        assertThat(entry.get("value")).isEqualTo(JSON.readTree("{\"op\":\"put\",\"key\":\"a\"}"));
    }

    @Test
    void theJournalFiltersByAJsonPathAndValue() throws Exception {
        connect().request(Map.of("op", "put", "n", 7));
        client.request(Map.of("op", "get", "n", 8));

        JsonNode byText = get("/journal?path=%24.op&value=get").body().get("entries");
        JsonNode byNumber = get("/journal?path=$.n&value=7").body().get("entries");

        assertThat(byText).hasSize(1);
        assertThat(byText.get(0).get("value").get("op").asText()).isEqualTo("get");
        assertThat(byNumber).hasSize(1);
        assertThat(byNumber.get(0).get("value").get("op").asText()).isEqualTo("put");
    }

    @Test
    void theJournalSinceASeqHoldsOnlyLaterMessages() throws Exception {
        connect().request(Map.of("n", 1));
        client.request(Map.of("n", 2));

        JsonNode entries = get("/journal?since=1").body().get("entries");

        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("seq").asLong()).isEqualTo(2);
    }

    @Test
    void theJournalRefusesAnUnknownParameterNamingTheKnownOnes() throws Exception {
        Answer refused = get("/journal?sinse=1");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("error").asText())
                .isEqualTo("unknown parameter 'sinse' (known: since, session, path, value)");
    }

    @Test
    void resetEmptiesTheJournal() throws Exception {
        connect().request(Map.of("n", 1));

        Answer reset = send("POST", "/reset", null, null);

        assertThat(reset.status()).isEqualTo(200);
        assertThat(get("/journal").body().get("entries")).isEmpty();
        assertThat(server.journal().received()).isEmpty();
    }

    @Test
    void aScriptPutWhileAClientStaysConnectedAnswersItsNextMessage() throws Exception {
        connect().request(Map.of("n", 1));

        Answer replaced = put("/behaviour", "{\"script\": \"onMessage { reply([pong: true]) }\", \"name\": \"pong.groovy\"}");

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.body().get("behaviour").asText()).isEqualTo("script pong.groovy");
        assertThat(client.request(Map.of("n", 2)).value()).isEqualTo(Map.of("pong", true));
    }

    @Test
    void aScriptThatDoesNotCompileIsAConflictNamingItsLineAndTheOldBehaviourStays() throws Exception {
        connect().request(Map.of("n", 1));

        Answer refused = put("/behaviour", "{\"script\": \"// pong\\nonMessage { reply(1 +) }\", \"name\": \"broken.groovy\"}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("error").asText()).startsWith("broken.groovy:2:");
        assertThat(client.request(Map.of("n", 2)).value()).isEqualTo(Map.of("echo", Map.of("n", 2)));
    }

    @Test
    void aHandlerPutByNameReplacesTheBehaviour() throws Exception {
        connect().request(Map.of("n", 1));

        Answer replaced = put("/behaviour", "{\"handler\": \"echo\"}");

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(client.request(Map.of("n", 2)).value()).isEqualTo(Map.of("n", 2));
    }

    @Test
    void aHandlersOptionsReachItAsGivenCommasIncluded() throws Exception {
        Answer refused = put("/behaviour", "{\"handler\": \"echo\", \"options\": {\"tags\": \"a,b\"}}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("error").asText()).isEqualTo("handler echo: unknown option 'tags' (it takes none)");
    }

    @Test
    void anOptionThatIsAnObjectIsABadRequest() throws Exception {
        Answer refused = put("/behaviour", "{\"handler\": \"echo\", \"options\": {\"tags\": {\"a\": 1}}}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("error").asText()).isEqualTo("option 'tags' must be a plain value: {a=1}");
    }

    @Test
    void anUnknownHandlerIsABadRequestNamingTheKnownOnes() throws Exception {
        Answer refused = put("/behaviour", "{\"handler\": \"nonesuch\", \"options\": {\"size\": 3}}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("error").asText()).startsWith("unknown handler 'nonesuch' (known: ");
    }

    @Test
    void aBehaviourBodyThatIsNotJsonIsABadRequest() throws Exception {
        Answer refused = put("/behaviour", "onMessage {}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("error").asText()).startsWith("the body is not a JSON object: ");
    }

    @Test
    void aBodyOverOneMebibyteIsRefused() throws Exception {
        Answer refused = put("/behaviour", "{\"script\": \"" + "x".repeat(AdminServer.MAX_BODY) + "\"}");

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.body().get("error").asText()).contains("over the limit of 1048576");
    }

    @Test
    void aRouteCalledWithTheWrongMethodSaysWhichOneItTakes() throws Exception {
        Answer refused = get("/reset");

        assertThat(refused.status()).isEqualTo(405);
        assertThat(refused.response().headers().firstValue("Allow")).hasValue("POST");
        assertThat(refused.body().get("error").asText()).isEqualTo("GET is not allowed here: use POST");
    }

    @Test
    void anUnknownRouteIsNotFoundNamingTheRoutes() throws Exception {
        Answer missing = get("/nope");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("error").asText()).startsWith("no route /nope (routes: GET /health, ");
    }

    @Test
    void withATokenARequestWithoutItIsUnauthorized() throws Exception {
        admin.close();
        admin = AdminServer.builder().port(0).token("s3cret").start(server);

        Answer refused = get("/health");

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().get("error").asText()).contains("Authorization: Bearer TOKEN");
    }

    @Test
    void withATokenAWrongOneIsUnauthorizedAndTheRightOneServed() throws Exception {
        admin.close();
        admin = AdminServer.builder().port(0).token("s3cret").start(server);

        Answer wrong = send("GET", "/health", null, "guess");
        Answer right = send("GET", "/health", null, "s3cret");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().get("error").asText()).isEqualTo("wrong token");
        assertThat(right.status()).isEqualTo(200);
    }

    @Test
    void aHostOtherThanLoopbackWithoutATokenIsRefusedBeforeBinding() {
        assertThatThrownBy(() -> AdminServer.builder().host("0.0.0.0").port(0).check())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("admin on 0.0.0.0 is reachable from other machines: give a token (--admin-token TOKEN or "
                        + "MTK_ADMIN_TOKEN), or listen on 127.0.0.1");
    }

    @Test
    void aScriptIsCompiledOnAnAdminThreadNotAnIoThread() throws Exception {
        put("/behaviour", "{\"script\": \"def compiledOn = Thread.currentThread().name\\n"
                + "onMessage { reply([on: compiledOn]) }\"}");

        assertThat(connect().request(Map.of("n", 1)).value()).isEqualTo(Map.of("on", "mtk-admin-1"));
    }
}
