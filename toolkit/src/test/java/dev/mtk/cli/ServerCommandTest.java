package dev.mtk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.session.Client;
import dev.mtk.session.ClientConfig;
import dev.mtk.session.ClientSession;
import dev.mtk.session.Profile;
import dev.mtk.session.SessionClosedException;
import dev.mtk.testing.InProcessMtk;
import dev.mtk.testing.InProcessMtk.Serving;
import dev.mtk.testing.LogCapture;
import dev.mtk.testing.ScriptFiles;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mtk server --script} and {@code --handler}: what the server does, as the command line chooses it. */
class ServerCommandTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String NL = System.lineSeparator();

    @TempDir
    Path dir;
    private final LogCapture log = new LogCapture();
    private final Client client = Client.open(ClientConfig.of(Profile.json()));
    private Serving server;

    @AfterEach
    void stopEverything() {
        client.close();
        if (server != null) {
            server.stop();
        }
        log.close();
    }

    private ClientSession connect() {
        return client.connect("127.0.0.1", server.port());
    }

    @Test
    void aCallbackThatThrowsClosesOnlyItsSessionAndTheLogNamesTheScriptLine() throws Exception {
        Path script = ScriptFiles.write(dir, "fragile.groovy",
                "onMessage { msg ->",
                "    if (msg['fail']) {",
                "        throw new IllegalStateException('asked to fail')",
                "    }",
                "    reply(msg.body)",
                "}");
        server = InProcessMtk.serve("-p", "0", "--script", script.toString());

        try (ClientSession failing = connect(); ClientSession healthy = connect()) {
            failing.send("{\"fail\":true}");

            assertThatThrownBy(() -> failing.receive(TIMEOUT)).isInstanceOf(SessionClosedException.class);
            log.awaitContaining("server", "closed: script failed at " + script + ":3: java.lang.IllegalStateException: asked to fail");
            healthy.send("{\"n\":1}");
            assertThat(healthy.receive(TIMEOUT).text()).isEqualTo("{\"n\":1}");
        }
    }

    @Test
    void onErrorTakesAFailedCallbackAndTheSessionStaysOpen() throws Exception {
        Path script = ScriptFiles.write(dir, "forgiving.groovy",
                "onMessage { msg -> throw new IllegalArgumentException(\"bad ${msg['n']}\") }",
                "onError { e -> reply([error: e.message]) }");
        server = InProcessMtk.serve("-p", "0", "--script", script.toString());

        try (ClientSession session = connect()) {
            session.send("{\"n\":1}");
            assertThat(session.receive(TIMEOUT).text()).isEqualTo("{\"error\":\"bad 1\"}");
            session.send("{\"n\":2}");
            assertThat(session.receive(TIMEOUT).text()).isEqualTo("{\"error\":\"bad 2\"}");
        }
    }

    @Test
    void idleSessionsAreHandedToOnIdle() throws Exception {
        Path script = ScriptFiles.write(dir, "sleepy.groovy", "onIdle { reply([idle: true]); close() }");
        server = InProcessMtk.serve("-p", "0", "--idle", "1", "--script", script.toString());

        try (ClientSession session = connect()) {
            assertThat(session.receive(Duration.ofSeconds(5)).text()).isEqualTo("{\"idle\":true}");
            assertThatThrownBy(() -> session.receive(TIMEOUT)).isInstanceOf(SessionClosedException.class);
        }
    }

    @Test
    void theConfirmationIsLoggedNotHandedToOnMessage() throws Exception {
        Path script = ScriptFiles.write(dir, "counting.groovy",
                "onMessage { msg -> reply([count: shared.counter('messages').incrementAndGet(), to: msg.value]) }");
        server = InProcessMtk.serve("-p", "0", "--script", script.toString());

        try (ClientSession session = connect()) {
            assertThat(session.exchange("{\"n\":1}", TIMEOUT).acknowledgement().text())
                    .isEqualTo("{\"count\":1,\"to\":{\"n\":1}}");
            log.awaitContaining("server", "confirmed: \"ok\"");
            assertThat(session.exchange("{\"n\":2}", TIMEOUT).acknowledgement().text())
                    .isEqualTo("{\"count\":2,\"to\":{\"n\":2}}");
        }
    }

    @Test
    void aBehaviourScriptThatDoesNotCompileIsAUsageError() {
        Path script = ScriptFiles.write(dir, "broken.groovy", "onMessage { msg ->", "    reply(msg.body", "}");
        server = InProcessMtk.serve("-p", "0", "--script", script.toString());

        assertThat(server.exitCode()).isEqualTo(Mtk.USAGE);
        assertThat(server.err()).matches("mtk server: " + java.util.regex.Pattern.quote(script.toString())
                + ":\\d+:\\d+: .*\\R").doesNotContain("\tat ");
        assertThat(server.out()).doesNotContain("listening");
    }

    @Test
    void aBehaviourScriptCallingSystemExitIsAUsageErrorNamingItsLine() {
        Path script = ScriptFiles.write(dir, "quit.groovy", "onMessage { msg ->", "    System.exit(0)", "}");
        server = InProcessMtk.serve("-p", "0", "--script", script.toString());

        assertThat(server.exitCode()).isEqualTo(Mtk.USAGE);
        assertThat(server.err()).startsWith("mtk server: " + script + ":2:5: System.exit is not allowed in a script: ")
                .doesNotContain("\tat ");
        assertThat(server.out()).doesNotContain("listening");
    }

    @Test
    void aMissingBehaviourScriptIsAUsageError() {
        Path missing = dir.resolve("nope.groovy");
        server = InProcessMtk.serve("-p", "0", "--script", missing.toString());

        assertThat(server.exitCode()).isEqualTo(Mtk.USAGE);
        assertThat(server.err()).isEqualTo("mtk server: no such script: " + missing + NL);
    }

    @Test
    void aFolderGivenAsTheBehaviourScriptSaysItIsAFolder() {
        server = InProcessMtk.serve("-p", "0", "--script", dir.toString());

        assertThat(server.exitCode()).isEqualTo(Mtk.USAGE);
        assertThat(server.err()).isEqualTo("mtk server: cannot read script " + dir + ": a folder, not a file" + NL);
    }

    @Test
    void aBuiltInHandlerIsChosenByName() throws Exception {
        server = InProcessMtk.serve("-p", "0", "--handler", "echo");

        try (ClientSession session = connect()) {
            session.send("{\"echo\":[1,2]}");

            assertThat(session.receive(TIMEOUT).render()).isEqualTo("{\"echo\":[1,2]}");
        }
    }

    @Test
    void anUnknownHandlerIsAUsageErrorNamingTheKnownOnes() {
        InProcessMtk.Result run = InProcessMtk.run("server", "-p", "0", "--handler", "kv");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).startsWith("mtk server: unknown handler 'kv' (known: echo, overtake, seed, silent)");
    }

    @Test
    void aScriptAndAHandlerTogetherAreAUsageError() {
        Path script = ScriptFiles.write(dir, "echo.groovy", "onMessage { reply(it.body) }");

        InProcessMtk.Result run = InProcessMtk.run("server", "-p", "0", "--handler", "echo", "--script", script.toString());

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).startsWith("mtk server: give --script or --handler, not both");
    }

    @Test
    void theAdminLineFollowsTheListeningLine() {
        server = InProcessMtk.serve("-p", "0", "--admin", "127.0.0.1:0");
        server.port();
        org.awaitility.Awaitility.await().atMost(TIMEOUT).until(() -> server.out().contains("admin on "));

        assertThat(server.out().lines().toList()).hasSize(2);
        assertThat(server.out().lines().toList().get(0)).startsWith("listening on 127.0.0.1:");
        assertThat(server.out().lines().toList().get(1)).matches("admin on http://127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void anAdminHostOtherThanLoopbackWithoutATokenIsAUsageError() {
        InProcessMtk.Result run = InProcessMtk.run("server", "-p", "0", "--admin", "0.0.0.0:0");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).startsWith("mtk server: --admin 0.0.0.0:0: admin on 0.0.0.0 is reachable from other "
                + "machines: give a token (--admin-token TOKEN or MTK_ADMIN_TOKEN), or listen on 127.0.0.1" + NL);
        assertThat(run.out()).doesNotContain("listening");
    }

    @Test
    void anAdminAddressThatIsNotOneIsAUsageError() {
        InProcessMtk.Result run = InProcessMtk.run("server", "-p", "0", "--admin", "localhost:http");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).startsWith("mtk server: invalid --admin 'localhost:http': expected [HOST:]PORT, e.g. 7380 "
                + "or 127.0.0.1:0" + NL);
    }

    @Test
    void anAdminTokenWithoutAdminIsAUsageError() {
        InProcessMtk.Result run = InProcessMtk.run("server", "-p", "0", "--admin-token", "s3cret");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).startsWith("mtk server: --admin-token needs --admin [HOST:]PORT" + NL);
    }

    @Test
    void watchWithoutAScriptIsAUsageError() {
        InProcessMtk.Result run = InProcessMtk.run("server", "-p", "0", "--watch");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).startsWith("mtk server: --watch needs --script FILE: it watches that file" + NL);
    }

    @Test
    void tlsOnAServerNeedsAKeystore() {
        InProcessMtk.Result run = InProcessMtk.run("server", "-p", "0", "--tls");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).startsWith("mtk server: --tls on a server needs --keystore FILE");
    }

    @Test
    void aTlsFlagWithoutTlsIsAUsageError() {
        InProcessMtk.Result run = InProcessMtk.run("client", "--truststore", "trust.p12");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).startsWith("mtk client: --truststore needs --tls");
    }

    @Test
    void aMissingKeystoreIsOneLine() {
        InProcessMtk.Result run = InProcessMtk.run("server", "-p", "0", "--tls", "--keystore", dir.resolve("none.p12").toString());

        assertThat(run.code()).isEqualTo(Mtk.FAILED);
        assertThat(run.err()).isEqualTo("mtk: cannot read keystore " + dir.resolve("none.p12") + ": no such file" + NL);
    }

    @Test
    void aFolderGivenAsTheKeystoreSaysItIsAFolder() {
        InProcessMtk.Result run = InProcessMtk.run("server", "-p", "0", "--tls", "--keystore", dir.toString());

        assertThat(run.code()).isEqualTo(Mtk.FAILED);
        assertThat(run.err()).isEqualTo("mtk: cannot read keystore " + dir + ": a folder, not a file" + NL);
    }

    @Test
    void connectionsPastTheLimitAreClosedAsTheyComeWithALogLine() throws Exception {
        server = InProcessMtk.serve("-p", "0", "--max-connections", "1");

        try (ClientSession first = connect()) {
            // Answered once, so it is admitted before the second connects: the two may land on different I/O threads.
            assertThat(first.exchange("{}", TIMEOUT).acknowledgement().render()).isEqualTo("\"我收到了\"");
            try (ClientSession second = connect()) {
                log.awaitContaining("server", "refused: 1 connections already (max-connections 1)");
                assertThatThrownBy(() -> second.exchange("{}", TIMEOUT)).isInstanceOf(SessionClosedException.class);
            }
            assertThat(first.exchange("{}", TIMEOUT).acknowledgement().render()).isEqualTo("\"我收到了\"");
        }
    }
}
