package dev.mtk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.plugin.Registry;
import dev.mtk.session.Client;
import dev.mtk.session.ClientConfig;
import dev.mtk.session.ClientSession;
import dev.mtk.session.Profile;
import dev.mtk.session.SeedHandler;
import dev.mtk.session.Server;
import dev.mtk.session.ServerConfig;
import dev.mtk.spi.Handler;
import dev.mtk.testing.InProcessMtk;
import dev.mtk.testing.InProcessMtk.Result;
import dev.mtk.testing.InProcessMtk.Serving;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code mtk replay}: both sides, the report and exit codes, and usage errors. */
class ReplayCommandTest {
    private static final String NL = System.lineSeparator();
    private static final String HEADER = "{\"format\":\"mtk-recording\",\"version\":1,\"started\":\"2026-11-25T00:00:00Z\","
            + "\"profile\":\"json\",\"framing\":\"headers\",\"payload\":\"json\",\"listen\":\"127.0.0.1:7474\","
            + "\"target\":\"127.0.0.1:7373\"}";
    /** The json profile's exchange of {"n":1}, as the proxy records it. */
    private static final String EXCHANGE = String.join("\n", HEADER,
            "{\"ms\":1.000,\"conn\":1,\"event\":\"open\",\"client\":\"127.0.0.1:50000\"}",
            "{\"ms\":1.500,\"conn\":1,\"event\":\"frame\",\"dir\":\"c2s\",\"framing\":\"headers\",\"payload\":\"json\",\"size\":18,\"json\":{\"n\":1}}",
            "{\"ms\":2.000,\"conn\":1,\"event\":\"frame\",\"dir\":\"s2c\",\"framing\":\"headers\",\"payload\":\"json\",\"size\":25,\"json\":\"我收到了\"}",
            "{\"ms\":2.500,\"conn\":1,\"event\":\"frame\",\"dir\":\"c2s\",\"framing\":\"headers\",\"payload\":\"json\",\"size\":15,\"json\":\"ok\"}",
            "{\"ms\":3.000,\"conn\":1,\"event\":\"close\",\"by\":\"client\"}") + "\n";

    @TempDir
    Path dir;
    private Server server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private int serve(Handler handler) {
        server = Server.start(ServerConfig.loopback(0, Profile.json()), handler);
        return server.port();
    }

    @Test
    void replayingAgainstAServerThatAnswersAsRecordedExitsZero() throws Exception {
        Path file = write("rec.jsonl", EXCHANGE);
        int port = serve(new SeedHandler());

        Result result = InProcessMtk.run("replay", file.toString(), "--as", "client", "--target", "127.0.0.1:" + port,
                "--speed", "0", "-q");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("replayed 1 connection: 2 sent, 1 reply compared, all as recorded" + NL);
    }

    @Test
    void aServerThatAnswersDifferentlyExitsOneWithTheDiff() throws Exception {
        Path file = write("rec.jsonl", EXCHANGE);
        int port = serve(Registry.builtIn().handler("echo"));

        Result result = InProcessMtk.run("replay", file.toString(), "--as", "client", "--target", "127.0.0.1:" + port,
                "--speed", "0", "-q");

        assertThat(result.code()).isEqualTo(Mtk.FAILED);
        assertThat(result.out()).isEqualTo("connection 1, reply 1 (frame recorded at 2.000 ms) differs" + NL
                + "  $: recorded \"我收到了\", received {\"n\":1}" + NL
                + "replayed 1 connection: 2 sent, 1 reply compared, 1 difference" + NL);
    }

    @Test
    void atSpeedOneTheRecordedPausesAreKept() throws Exception {
        Path file = write("pause.jsonl", String.join("\n", HEADER,
                "{\"ms\":0,\"conn\":1,\"event\":\"open\",\"client\":\"127.0.0.1:50000\"}",
                "{\"ms\":0,\"conn\":1,\"event\":\"frame\",\"dir\":\"c2s\",\"framing\":\"headers\",\"payload\":\"json\",\"size\":12,\"json\":1}",
                "{\"ms\":600,\"conn\":1,\"event\":\"frame\",\"dir\":\"c2s\",\"framing\":\"headers\",\"payload\":\"json\",\"size\":12,\"json\":2}",
                "{\"ms\":600,\"conn\":1,\"event\":\"close\",\"by\":\"client\"}"));
        int port = serve((session, message) -> { });

        long started = System.nanoTime();
        Result result = InProcessMtk.run("replay", file.toString(), "--as", "client", "--target", "127.0.0.1:" + port, "-q");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    }

    @Test
    void theRecordingsCorrelationPairsRepliesThatComeInAnotherOrder() throws Exception {
        Path file = write("rec.jsonl", String.join("\n",
                "{\"format\":\"mtk-recording\",\"version\":1,\"started\":\"2026-12-01T00:00:00Z\",\"profile\":\"reply\","
                        + "\"framing\":\"length-field:width=4\",\"payload\":\"json\",\"listen\":\"127.0.0.1:7474\","
                        + "\"target\":\"127.0.0.1:7373\",\"exchange\":\"reply\",\"correlate\":\"$.id\"}",
                "{\"ms\":1,\"conn\":1,\"event\":\"open\",\"client\":\"127.0.0.1:50000\"}",
                "{\"ms\":2,\"conn\":1,\"event\":\"frame\",\"dir\":\"c2s\",\"size\":33,\"json\":{\"op\":\"get\",\"key\":\"a\",\"id\":1}}",
                "{\"ms\":3,\"conn\":1,\"event\":\"frame\",\"dir\":\"c2s\",\"size\":33,\"json\":{\"op\":\"get\",\"key\":\"b\",\"id\":2}}",
                "{\"ms\":4,\"conn\":1,\"event\":\"frame\",\"dir\":\"s2c\",\"size\":34,\"json\":{\"op\":\"get\",\"key\":\"a\",\"id\":1}}",
                "{\"ms\":5,\"conn\":1,\"event\":\"frame\",\"dir\":\"s2c\",\"size\":34,\"json\":{\"op\":\"get\",\"key\":\"b\",\"id\":2}}",
                "{\"ms\":6,\"conn\":1,\"event\":\"close\",\"by\":\"client\"}") + "\n");
        server = Server.start(ServerConfig.loopback(0, Profile.reply()), dev.mtk.session.OvertakeHandlerProvider.handler());

        Result result = InProcessMtk.run("replay", file.toString(), "--as", "client", "--target",
                "127.0.0.1:" + server.port(), "--speed", "0", "-q");

        assertThat(result.code()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).isEqualTo("replayed 1 connection: 2 sent, 2 replies compared, all as recorded" + NL);
    }

    @Test
    void statefulWithAClientReplayIsAUsageError() throws Exception {
        Path file = write("rec.jsonl", EXCHANGE);

        Result result = InProcessMtk.run("replay", file.toString(), "--as", "client", "--target", "127.0.0.1:7373",
                "--stateful");

        assertThat(result.code()).isEqualTo(Mtk.USAGE);
        assertThat(result.err()).startsWith("mtk replay: --stateful applies to --as server, not --as client");
    }

    @Test
    void replayingTheServerSideAnswersTheOriginalClient() throws Exception {
        Path file = write("rec.jsonl", EXCHANGE);
        Serving replay = InProcessMtk.start("replay", file.toString(), "--as", "server", "--listen", "0", "--speed", "0");

        try (Client client = Client.open(ClientConfig.of(Profile.json()));
                ClientSession session = client.connect("127.0.0.1", replay.port())) {
            assertThat(session.exchange("{\"n\":1}", Duration.ofSeconds(5)).acknowledgement().value()).isEqualTo("我收到了");
        }

        assertThat(replay.stop()).isZero();
        assertThat(replay.out()).startsWith("listening on 127.0.0.1:" + replay.port()
                + " (replaying the server side of 1 recorded connection, each request answered as recorded for the "
                + "request it matches by body, profile json, framing headers, payload json, exchange seed, "
                + "max-connections ")
                .endsWith("replay stopped" + NL);
    }

    @Test
    void toGroovyWritesAScenarioThatRunsAgainstTheServer() throws Exception {
        Path file = write("rec.jsonl", EXCHANGE);
        Path script = dir.resolve("exchange.groovy");
        int port = serve(new SeedHandler());

        Result written = InProcessMtk.run("replay", file.toString(), "--to-groovy", script.toString());
        Result run = InProcessMtk.run("run", "-q", script.toString(), "127.0.0.1:" + port);

        assertThat(written.code()).as(written.err()).isZero();
        assertThat(written.out()).isEqualTo("wrote " + script + " (1 connection, 5 events); run it with: mtk run " + script
                + " [HOST:PORT]" + NL);
        assertThat(Files.readString(script)).contains("c1.send([n: 1])\nc1.expect(value: '我收到了')\nc1.confirm()\nc1.close()");
        assertThat(run.code()).as(run.err()).isZero();
    }

    @Test
    void noRecordingIsAUsageError() {
        Result result = InProcessMtk.run("replay", "--as", "client");

        assertThat(result.code()).isEqualTo(Mtk.USAGE);
        assertThat(result.err()).startsWith("mtk replay: no recording given");
    }

    @Test
    void aMissingRecordingIsAUsageErrorNamingIt() {
        Result result = InProcessMtk.run("replay", dir.resolve("nope.jsonl").toString(), "--as", "client");

        assertThat(result.code()).isEqualTo(Mtk.USAGE);
        assertThat(result.err()).startsWith("mtk replay: no such recording: " + dir.resolve("nope.jsonl"));
    }

    @Test
    void aFolderGivenAsTheRecordingSaysItIsAFolder() {
        Result result = InProcessMtk.run("replay", dir.toString(), "--as", "client", "--target", "127.0.0.1:1");

        assertThat(result.code()).isEqualTo(Mtk.USAGE);
        assertThat(result.err()).startsWith("mtk replay: cannot read recording " + dir + ": a folder, not a file" + NL);
    }

    @Test
    void aBinaryFileGivenAsTheRecordingSaysItIsNotTextAndWhere() throws Exception {
        Path archive = Files.write(dir.resolve("day1.jsonl.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0});

        Result result = InProcessMtk.run("replay", archive.toString(), "--as", "client", "--target", "127.0.0.1:1");

        assertThat(result.code()).isEqualTo(Mtk.USAGE);
        assertThat(result.err()).startsWith("mtk replay: " + archive + " is not a text file (not UTF-8 at byte 1)" + NL);
    }

    @Test
    void toGroovyWithAsIsRefusedBecauseItWritesAScriptInsteadOfReplaying() throws Exception {
        Path file = write("rec.jsonl", EXCHANGE);
        Path script = dir.resolve("exchange.groovy");

        Result result = InProcessMtk.run("replay", file.toString(), "--as", "client", "--to-groovy", script.toString());

        assertThat(result.code()).isEqualTo(Mtk.USAGE);
        assertThat(result.err()).startsWith("mtk replay: --to-groovy writes a script instead of replaying: not with --as" + NL);
        assertThat(script).doesNotExist();
    }

    @Test
    void anUnknownSideIsAUsageError() throws Exception {
        Path file = write("rec.jsonl", EXCHANGE);

        Result result = InProcessMtk.run("replay", file.toString(), "--as", "both");

        assertThat(result.code()).isEqualTo(Mtk.USAGE);
        assertThat(result.err()).startsWith("mtk replay: invalid --as 'both': expected client or server");
    }

    @Test
    void aBadSpeedIsAUsageError() throws Exception {
        Path file = write("rec.jsonl", EXCHANGE);

        Result result = InProcessMtk.run("replay", file.toString(), "--as", "client", "--target", "7373", "--speed", "fast");

        assertThat(result.code()).isEqualTo(Mtk.USAGE);
        assertThat(result.err()).startsWith("mtk replay: invalid --speed 'fast': expected 0 (as fast as possible) or a "
                + "positive number (1.0 = as recorded)");
    }

    @Test
    void theReplayServerLogsPeersAsHostColonPort() throws Exception {
        Path file = write("rec.jsonl", EXCHANGE);
        try (dev.mtk.testing.LogCapture log = new dev.mtk.testing.LogCapture()) {
            Serving replay = InProcessMtk.start("replay", file.toString(), "--as", "server", "--listen", "0", "--speed", "0");
            try (Client client = Client.open(ClientConfig.of(Profile.json()));
                    ClientSession session = client.connect("127.0.0.1", replay.port())) {
                String connected = log.awaitContaining("connected, each request answered as recorded");

                assertThat(connected).matches("replay #\\d+ 127\\.0\\.0\\.1:\\d+ connected.*");
            } finally {
                replay.stop();
            }
        }
    }

    @Test
    void aScriptThatIsAFolderIsRefusedWithTheReason() throws Exception {
        Path file = write("rec.jsonl", EXCHANGE);

        Result result = InProcessMtk.run("replay", file.toString(), "--to-groovy", dir.toString());

        assertThat(result.code()).isEqualTo(Mtk.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("mtk: cannot write --to-groovy " + dir + ": it is a folder" + NL);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void timingStartsAtTheFirstRecordedEventNotAtTheProxysStart() throws Exception {
        Path file = write("late.jsonl", EXCHANGE.replace("\"ms\":1.", "\"ms\":3600001.")
                .replace("\"ms\":2.", "\"ms\":3600002.").replace("\"ms\":3.", "\"ms\":3600003."));
        int port = serve(new SeedHandler());

        Result result = InProcessMtk.run("replay", file.toString(), "--as", "client", "--target", "127.0.0.1:" + port, "-q");

        assertThat(result.code()).as(result.err()).isZero();
    }
}
