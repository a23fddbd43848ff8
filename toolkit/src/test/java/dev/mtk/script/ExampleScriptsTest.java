package dev.mtk.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.session.Client;
import dev.mtk.session.ClientConfig;
import dev.mtk.session.ClientSession;
import dev.mtk.session.Profile;
import dev.mtk.spi.PayloadException;
import dev.mtk.testing.InProcessMtk;
import dev.mtk.testing.InProcessMtk.Result;
import dev.mtk.testing.InProcessMtk.Serving;
import dev.mtk.testing.LogCapture;
import dev.mtk.testing.Memcached;
import dev.mtk.testing.ScriptFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every example in {@code scripts/} through the command line, as users run them: {@code mtk run} for scenarios,
 * {@code mtk server --script} for behaviours. The folder is found from the toolkit module, Surefire's working
 * directory.
 */
class ExampleScriptsTest {
    private static final Path SCRIPTS = Path.of("..", "scripts");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private final LogCapture log = new LogCapture();
    private final List<Serving> servers = new ArrayList<>();
    private Client client;

    @AfterEach
    void stopEverything() {
        if (client != null) {
            client.close();
        }
        servers.forEach(Serving::stop);
        log.close();
    }

    private static String script(String name) {
        return SCRIPTS.resolve(name).toString();
    }

    private Serving serve(String... args) {
        Serving server = InProcessMtk.serve(args);
        servers.add(server);
        return server;
    }

    private ClientSession connect(Serving server) {
        if (client == null) {
            client = Client.open(ClientConfig.of(Profile.json()));
        }
        return client.connect("127.0.0.1", server.port());
    }

    /** Sends one JSON request and returns the decoded answer. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> ask(ClientSession session, String request) throws PayloadException {
        session.send(request);
        return (Map<String, Object>) session.receive(TIMEOUT).value();
    }

    /** The number of the first line of {@code name} that contains {@code text}, so tests survive edited comments. */
    private static int lineOf(String name, String text) throws IOException {
        List<String> lines = Files.readAllLines(SCRIPTS.resolve(name));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(name + " has no line containing " + text);
    }

    @Test
    void everyExampleScriptHasATestHere() throws IOException {
        try (Stream<Path> files = Files.list(SCRIPTS)) {
            assertThat(files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".groovy")))
                    .containsExactlyInAnyOrder("handshake.groovy", "echo-server.groovy", "kv-server.groovy",
                            "scenario-assert.groovy", "seed-client.groovy", "kv-check.groovy", "faults.groovy",
                            "rr-mock.groovy", "rr-scenario.groovy", "memcached.groovy",
                            "load-login.groovy");
        }
    }

    @Test
    void everyExampleScriptIsListedInTheScriptsReadme() throws IOException {
        String readme = Files.readString(SCRIPTS.resolve("README.md"));
        try (Stream<Path> files = Files.list(SCRIPTS)) {
            assertThat(files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".groovy")))
                    .allMatch(name -> readme.contains("| `" + name + "` |"), "listed in scripts/README.md");
        }
    }

    @Test
    void loadLoginPassesOnceUnderRunAgainstItsOwnMock() {
        Result run = InProcessMtk.run("run", script("load-login.groovy"));

        assertThat(run.code()).as(run.err()).isZero();
    }

    @Test
    void loadLoginRunsAsLoadWithItsTwoStepsAndOneSharedMock() {
        Result run = InProcessMtk.run("bench", "--scenario", script("load-login.groovy"), "--users", "3",
                "--iterations", "9");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("(?m)^login +9 ").containsPattern("(?m)^read +9 ")
                .containsPattern("(?m)^iteration +9 ");
    }

    @Test
    void loadLoginRunsAgainstAServerGivenAsItsArgument() {
        try (dev.mtk.embed.MtkServer other = dev.mtk.embed.MtkServer.builder().profile("reply").port(0)
                .script("onMessage { msg -> reply([id: msg.value.id, token: \"t-${msg.value.user}\".toString(), "
                        + "ok: true, key: msg.value.key]) }")
                .start()) {
            Result run = InProcessMtk.run("run", script("load-login.groovy"), "127.0.0.1:" + other.port());

            assertThat(run.code()).as(run.err()).isZero();
        }
    }

    @Test
    void kvCheckWithoutItsAddressExitsTwoWithItsUsageLine() {
        Result run = InProcessMtk.run("run", script("kv-check.groovy"));

        assertThat(run.code()).isEqualTo(dev.mtk.cli.Mtk.USAGE);
        assertThat(run.err()).isEqualTo("mtk run: missing HOST:PORT; usage: mtk run scripts/kv-check.groovy HOST:PORT"
                + System.lineSeparator());
    }

    @Test
    void scenarioAssertWithoutItsAddressExitsTwoWithItsUsageLine() {
        Result run = InProcessMtk.run("run", script("scenario-assert.groovy"));

        assertThat(run.code()).isEqualTo(dev.mtk.cli.Mtk.USAGE);
        assertThat(run.err()).isEqualTo("mtk run: missing HOST:PORT; usage: mtk run scripts/scenario-assert.groovy "
                + "HOST:PORT [TIMEOUT_MS]" + System.lineSeparator());
    }

    // memcached.groovy

    @Test
    void memcachedSetsAndGetsAKeyOnARealMemcached() {
        try (Memcached memcached = Memcached.start()) {
            Result run = InProcessMtk.run("run", script("memcached.groovy"), memcached.address(), "greeting", "hello");

            assertThat(run.code()).as(run.err()).isZero();
            log.awaitContaining("script", "memcached " + memcached.address() + ": greeting = hello");
        }
    }

    @Test
    void memcachedWithoutItsAddressExitsTwoWithItsUsageLine() {
        Result run = InProcessMtk.run("run", script("memcached.groovy"));

        assertThat(run.code()).isEqualTo(dev.mtk.cli.Mtk.USAGE);
        assertThat(run.err()).isEqualTo("mtk run: missing HOST:PORT; usage: mtk run scripts/memcached.groovy "
                + "HOST:PORT [KEY] [VALUE]" + System.lineSeparator());
    }

    @Test
    void memcachedWithAnAddressWithoutAPortSaysSoInOneLine() throws Exception {
        Result run = InProcessMtk.run("run", script("memcached.groovy"), "127.0.0.1");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(script("memcached.groovy") + ":"
                + lineOf("memcached.groovy", "def mc = connect(") + ": not an address: '127.0.0.1' (expected host:port"
                + " or a port)" + System.lineSeparator());
    }

    // faults.groovy

    @Test
    void faultsPassesAgainstAnMtkServer() {
        Serving server = serve("-p", "0");

        Result run = InProcessMtk.run("run", script("faults.groovy"), server.address());

        assertThat(run.code()).as(run.err()).isZero();
        log.awaitContaining("script", "a frame in three pieces: acknowledged");
        log.awaitContaining("script", "garbage before the magic: acknowledged");
        log.awaitContaining("server", "closed: negative frame length -1");
        log.awaitContaining("server", "closed: frame length 2147483647 exceeds max-frame 1048576");
        log.awaitContaining("script", "a length shorter than the body: closed by the server");
        log.awaitContaining("script", "a new connection after all that: acknowledged");
    }

    @Test
    void faultsFailsAgainstAServerThatAnswersEverything() throws IOException {
        // Any text is a valid body for it, even the first 3 bytes of {"n":6}; it answers as a json server would.
        Path lenient = ScriptFiles.write(dir, "lenient.groovy", "onMessage { msg -> reply('\"我收到了\"') }");
        Serving server = serve("-p", "0", "--script", lenient.toString(), "--payload", "text");

        Result run = InProcessMtk.run("run", script("faults.groovy"), server.address());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("a length shorter than the body: expected the server to close the connection, it answered");
    }

    // handshake.groovy

    @Test
    void handshakeDoesTheSeedsExchangeInTheJsonProfileByDefault() {
        Result run = InProcessMtk.run("run", script("handshake.groovy"));

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        log.awaitContaining("server", "received 74 B (body 63 B): {\"ID\":\"i\",\"Name\":\"Joel\"");
        log.awaitContaining("server", "acknowledged: \"我收到了\" 25 B");
        log.awaitContaining("client", "acknowledged: \"我收到了\" 25 B (body 14 B), for 74 B sent");
        log.awaitContaining("server", "confirmed: \"ok\" 15 B (body 4 B)");
        log.awaitContaining("script", "send over");
    }

    @Test
    void handshakeDoesTheSeedsExchangeInTheSeedProfile() {
        Result run = InProcessMtk.run("run", script("handshake.groovy"), "seed");

        assertThat(run.code()).as(run.err()).isZero();
        log.awaitContaining("script", "profile seed");
        log.awaitContaining("server", "acknowledged: 我收到了 12 B");
        log.awaitContaining("client", "acknowledged: 我收到了 12 B, for 74 B sent");
        log.awaitContaining("server", "confirmed: ok 2 B");
        log.awaitContaining("script", "send over");
    }

    // echo-server.groovy

    @Test
    void echoServerSendsEachJsonBodyBack() throws Exception {
        Serving server = serve("-p", "0", "--script", script("echo-server.groovy"));

        try (ClientSession session = connect(server)) {
            session.send("{\"n\":1}");
            assertThat(session.receive(TIMEOUT).text()).isEqualTo("{\"n\":1}");
            session.send("[\"two\", {\"n\": 2}]");
            assertThat(session.receive(TIMEOUT).text()).isEqualTo("[\"two\",{\"n\":2}]");
            session.send("\"just a string\"");
            assertThat(session.receive(TIMEOUT).text()).isEqualTo("\"just a string\"");
        }
    }

    // kv-server.groovy

    @Test
    void kvServerGetsWhatWasPut() throws Exception {
        try (ClientSession session = connect(serve("-p", "0", "--script", script("kv-server.groovy")))) {
            assertThat(ask(session, "{\"op\":\"put\",\"key\":\"joel\",\"value\":{\"age\":53,\"langs\":[\"go\"]}}"))
                    .isEqualTo(Map.of("ok", true));

            assertThat(ask(session, "{\"op\":\"get\",\"key\":\"joel\"}"))
                    .isEqualTo(Map.of("ok", true, "value", Map.of("age", 53, "langs", List.of("go"))));
        }
    }

    @Test
    void kvServerNamesAKeyItDoesNotHave() throws Exception {
        try (ClientSession session = connect(serve("-p", "0", "--script", script("kv-server.groovy")))) {
            assertThat(ask(session, "{\"op\":\"get\",\"key\":\"nobody\"}"))
                    .isEqualTo(Map.of("ok", false, "error", "no such key: nobody"));
        }
    }

    @Test
    void kvServerDeleteSaysWhetherTheKeyWasThere() throws Exception {
        try (ClientSession session = connect(serve("-p", "0", "--script", script("kv-server.groovy")))) {
            ask(session, "{\"op\":\"put\",\"key\":\"k\",\"value\":false}");

            assertThat(ask(session, "{\"op\":\"delete\",\"key\":\"k\"}")).isEqualTo(Map.of("ok", true, "deleted", true));
            assertThat(ask(session, "{\"op\":\"delete\",\"key\":\"k\"}")).isEqualTo(Map.of("ok", true, "deleted", false));
            assertThat(ask(session, "{\"op\":\"get\",\"key\":\"k\"}")).containsEntry("ok", false);
        }
    }

    @Test
    void kvServerStatsCountRequestsPerSessionAndInAll() throws Exception {
        Serving server = serve("-p", "0", "--script", script("kv-server.groovy"));
        try (ClientSession first = connect(server); ClientSession second = connect(server)) {
            ask(first, "{\"op\":\"put\",\"key\":\"a\",\"value\":1}");
            ask(first, "{\"op\":\"put\",\"key\":\"b\",\"value\":2}");
            ask(second, "{\"op\":\"delete\",\"key\":\"a\"}");

            assertThat(ask(second, "{\"op\":\"stats\"}")).isEqualTo(Map.of("ok", true,
                    "session", Map.of("requests", 2), "global", Map.of("requests", 4, "keys", 1)));
        }
    }

    @Test
    void kvServerAnswersAnUnknownOpWithAnError() throws Exception {
        try (ClientSession session = connect(serve("-p", "0", "--script", script("kv-server.groovy")))) {
            assertThat(ask(session, "{\"op\":\"frobnicate\",\"key\":\"k\"}"))
                    .isEqualTo(Map.of("ok", false, "error", "unknown op: frobnicate"));
        }
    }

    @Test
    void kvServerAnswersAnOpThatIsNotAStringAsUnknown() throws Exception {
        try (ClientSession session = connect(serve("-p", "0", "--script", script("kv-server.groovy")))) {
            assertThat(ask(session, "{\"op\":7,\"key\":\"k\"}")).isEqualTo(Map.of("ok", false, "error", "unknown op: 7"));
            assertThat(ask(session, "{\"op\":[\"get\"],\"key\":\"k\"}"))
                    .isEqualTo(Map.of("ok", false, "error", "unknown op: [get]"));
        }
    }

    @Test
    void kvServerAnswersAMissingKeyOrValueWithAnError() throws Exception {
        try (ClientSession session = connect(serve("-p", "0", "--script", script("kv-server.groovy")))) {
            assertThat(ask(session, "{\"op\":\"get\"}")).isEqualTo(Map.of("ok", false, "error", "missing key"));
            assertThat(ask(session, "{\"op\":\"put\",\"key\":\"k\",\"value\":null}"))
                    .isEqualTo(Map.of("ok", false, "error", "missing value"));
        }
    }

    @Test
    void kvServerKeepsExactCountsAcross50ConcurrentSessions() throws Exception {
        int sessions = 50;
        int puts = 20;
        Serving server = serve("-p", "0", "--script", script("kv-server.groovy"));
        List<ClientSession> open = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            open.add(connect(server));
        }
        ExecutorService threads = Executors.newFixedThreadPool(sessions);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Map<String, Object>>> stats = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                ClientSession session = open.get(i);
                int id = i;
                stats.add(threads.submit(() -> {
                    go.await();
                    for (int k = 0; k < puts; k++) {
                        assertThat(ask(session, "{\"op\":\"put\",\"key\":\"s" + id + "-k" + k + "\",\"value\":" + k + "}"))
                                .isEqualTo(Map.of("ok", true));
                    }
                    return ask(session, "{\"op\":\"stats\"}");
                }));
            }
            go.countDown();
            for (Future<Map<String, Object>> each : stats) {
                assertThat(each.get(30, TimeUnit.SECONDS)).containsEntry("session", Map.of("requests", puts + 1));
            }
        } finally {
            threads.shutdownNow();
            open.forEach(ClientSession::close);
        }

        try (ClientSession last = connect(server)) {
            assertThat(ask(last, "{\"op\":\"stats\"}")).isEqualTo(Map.of("ok", true, "session", Map.of("requests", 1),
                    "global", Map.of("requests", sessions * (puts + 1) + 1, "keys", sessions * puts)));
            assertThat(ask(last, "{\"op\":\"get\",\"key\":\"s49-k19\"}")).isEqualTo(Map.of("ok", true, "value", 19));
        }
        assertThat(log.lines()).noneMatch(line -> line.contains("closed: "));
    }

    // kv-check.groovy (also run against the compiled kv handler plugin, in the distribution's tests)

    @Test
    void kvCheckPassesAgainstTheGroovyKvServer() {
        Serving server = serve("-p", "0", "--script", script("kv-server.groovy"));

        Result run = InProcessMtk.run("run", script("kv-check.groovy"), server.address());

        assertThat(run.code()).as(run.err()).isZero();
        log.awaitContaining("script", "kv protocol checked against " + server.address());
    }

    @Test
    void kvCheckFailsAgainstAServerThatIsNotAKeyValueStore() {
        Serving server = serve("-p", "0", "--handler", "echo");

        Result run = InProcessMtk.run("run", script("kv-check.groovy"), server.address());

        assertThat(run.code()).isEqualTo(dev.mtk.cli.Mtk.FAILED);
        assertThat(run.err()).startsWith(script("kv-check.groovy") + ":");
    }

    // scenario-assert.groovy

    @Test
    void scenarioAssertPassesAgainstAnMtkServer() {
        Serving server = serve("-p", "0");

        Result run = InProcessMtk.run("run", script("scenario-assert.groovy"), server.address());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        log.awaitContaining("script", server.address() + " passed");
        assertThat(log.lines()).filteredOn(line -> line.startsWith("server") && line.contains("confirmed: \"ok\""))
                .hasSize(4);
    }

    @Test
    void scenarioAssertFailsWithTheAssertionWhenTheServerAnswersSomethingElse() throws IOException {
        Path wrong = ScriptFiles.write(dir, "wrong.groovy", "onMessage { msg -> reply([got: msg.value]) }");
        Serving server = serve("-p", "0", "--script", wrong.toString());

        Result run = InProcessMtk.run("run", script("scenario-assert.groovy"), server.address());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).startsWith(script("scenario-assert.groovy") + ":"
                + lineOf("scenario-assert.groovy", "assert ack.value == '我收到了'") + ": assertion failed:\n"
                + "assert ack.value == '我收到了'\n")
                .contains("{\"got\":{\"n\":1}}")
                .doesNotContain("\tat ");
    }

    @Test
    void scenarioAssertFailsNamingExpectedAndReceivedWhenTheLastAcknowledgementIsWrong() throws IOException {
        Path fourth = ScriptFiles.write(dir, "fourth.groovy",
                "onMessage { msg -> msg['n'] == 4 ? reply('\"我不知道\"') : acknowledge() }");
        Serving server = serve("-p", "0", "--script", fourth.toString());

        Result run = InProcessMtk.run("run", script("scenario-assert.groovy"), server.address());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(script("scenario-assert.groovy") + ":"
                + lineOf("scenario-assert.groovy", "server.expect(value: '我收到了')")
                + ": expected \"我收到了\", received \"我不知道\"" + System.lineSeparator());
    }

    @Test
    void scenarioAssertFailsWhenTheServerNeverAcknowledges() throws IOException {
        Path silent = ScriptFiles.write(dir, "silent.groovy", "onMessage { msg -> }");
        Serving server = serve("-p", "0", "--script", silent.toString());

        Result run = InProcessMtk.run("run", script("scenario-assert.groovy"), server.address(), "200");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(script("scenario-assert.groovy") + ":"
                + lineOf("scenario-assert.groovy", "server.exchange(message)") + ": expected an acknowledgement from "
                + server.address() + " within 200 ms, received nothing" + System.lineSeparator());
    }

    // rr-mock.groovy and rr-scenario.groovy

    @Test
    void rrScenarioPassesAgainstTheRrMock() {
        Serving server = serve("-p", "0", "--profile", "reply", "--script", script("rr-mock.groovy"));

        Result run = InProcessMtk.run("run", script("rr-scenario.groovy"), server.address());

        assertThat(run.code()).as(run.err()).isZero();
        log.awaitContaining("script", "request/reply checked against " + server.address());
        log.awaitContaining("server", "sent 53 B (body 49 B): {\"id\":4,\"ok\":false,\"error\":\"no such key: nobody\"}");
    }

    @Test
    void rrScenarioFailsAgainstAServerThatEchoesInsteadOfAnswering() throws IOException {
        Serving server = serve("-p", "0", "--profile", "reply", "--handler", "echo");

        Result run = InProcessMtk.run("run", script("rr-scenario.groovy"), server.address());

        assertThat(run.code()).isEqualTo(dev.mtk.cli.Mtk.FAILED);
        assertThat(run.err()).startsWith(script("rr-scenario.groovy") + ":"
                + lineOf("rr-scenario.groovy", "assert service.request([id: 1") + ": assertion failed:");
    }

    @Test
    void rrScenarioWithoutItsAddressExitsTwoWithItsUsageLine() {
        Result run = InProcessMtk.run("run", script("rr-scenario.groovy"));

        assertThat(run.code()).isEqualTo(dev.mtk.cli.Mtk.USAGE);
        assertThat(run.err()).isEqualTo("mtk run: missing HOST:PORT; usage: mtk run scripts/rr-scenario.groovy HOST:PORT"
                + System.lineSeparator());
    }

    @Test
    void rrMockAnswersAHeldBackRequestAfterTheOnesSentAfterIt() throws Exception {
        Serving server = serve("-p", "0", "--profile", "reply", "--script", script("rr-mock.groovy"));
        try (Client replies = Client.open(ClientConfig.of(Profile.reply()));
                ClientSession session = replies.connect("127.0.0.1", server.port())) {
            // Warmed up first, so that the quick reply does not lose a second to the script's first call.
            session.send("{\"id\":0,\"op\":\"get\",\"key\":\"k\"}");
            session.receive(TIMEOUT);

            session.send("{\"id\":1,\"op\":\"put\",\"key\":\"k\",\"value\":1,\"delay\":1000}");
            session.send("{\"id\":2,\"op\":\"get\",\"key\":\"nobody\"}");

            assertThat(session.receive(TIMEOUT).text()).isEqualTo("{\"id\":2,\"ok\":false,\"error\":\"no such key: nobody\"}");
            assertThat(session.receive(TIMEOUT).text()).isEqualTo("{\"id\":1,\"ok\":true}");
        }
    }

    @Test
    void rrMockAnswersAnOkBodyAsARequestItCannotRead() throws Exception {
        Serving server = serve("-p", "0", "--profile", "reply", "--script", script("rr-mock.groovy"));
        try (Client replies = Client.open(ClientConfig.of(Profile.reply()));
                ClientSession session = replies.connect("127.0.0.1", server.port())) {
            session.send("\"ok\"");

            assertThat(session.receive(TIMEOUT).text()).isEqualTo("{\"ok\":false,\"error\":\"not a request: \\\"ok\\\"\"}");
        }
    }

    // seed-client.groovy

    @Test
    void seedClientCompletesTheExchangeWithASeedProfileServer() {
        Serving server = serve("-p", "0", "--profile", "seed");

        Result run = InProcessMtk.run("run", script("seed-client.groovy"), server.address());

        assertThat(run.code()).as(run.err()).isZero();
        log.awaitContaining("server", "received 74 B (body 63 B): {\"ID\":\"i\",\"Name\":\"Joel\"");
        log.awaitContaining("server", "confirmed: ok 2 B");
        log.awaitContaining("script", "server replied 我收到了: 12 B received, 63 B of message sent");
        log.awaitContaining("script", "send over");
    }
}
