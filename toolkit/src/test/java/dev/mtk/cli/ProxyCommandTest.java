package dev.mtk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.record.Recording;
import dev.mtk.session.Client;
import dev.mtk.session.ClientConfig;
import dev.mtk.session.ClientSession;
import dev.mtk.session.Profile;
import dev.mtk.session.SeedHandler;
import dev.mtk.session.Server;
import dev.mtk.session.ServerConfig;
import dev.mtk.testing.InProcessMtk;
import dev.mtk.testing.InProcessMtk.Serving;
import dev.mtk.testing.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mtk proxy}: options, the listening line, printing and recording, stopping. */
class ProxyCommandTest {
    @TempDir
    Path dir;
    private final LogCapture log = new LogCapture();
    private final Server server = Server.start(ServerConfig.loopback(0, Profile.seed()), new SeedHandler());
    private final Client client = Client.open(ClientConfig.of(Profile.seed()));

    @AfterEach
    void stopEverything() {
        client.close();
        server.close();
        log.close();
    }

    @Test
    void proxyPrintsWhereItListensShowsEachFrameAndRecordsThemUntilStopped() throws Exception {
        Path file = dir.resolve("seed.jsonl");
        Serving proxy = InProcessMtk.start("proxy", "--listen", "0", "--target", "127.0.0.1:" + server.port(),
                "--profile", "seed", "--record", file.toString());

        try (ClientSession session = client.connect("127.0.0.1", proxy.port())) {
            session.exchange("hello", Duration.ofSeconds(5));
        }
        log.awaitContaining("proxy #1 closed by client");

        assertThat(proxy.stop()).isZero();
        assertThat(proxy.out()).startsWith("listening on 127.0.0.1:" + proxy.port() + " (proxy to 127.0.0.1:" + server.port()
                + ", profile seed, framing headers, payload text, exchange seed, max-connections ")
                .contains(", max-buffered ", ", recording to " + file + ")")
                .endsWith("proxy stopped" + System.lineSeparator());
        assertThat(log.lines()).contains("proxy #1 client>server 16 B (body 5 B): hello",
                "proxy #1 server>client 12 B unframed: 我收到了", "proxy #1 client>server 2 B unframed: ok");
        assertThat(Recording.read(file).events()).hasSize(5);
    }

    @Test
    void aMissingTargetIsAUsageError() {
        InProcessMtk.Result result = InProcessMtk.run("proxy", "--listen", "0");

        assertThat(result.code()).isEqualTo(Mtk.USAGE);
        assertThat(result.err()).startsWith("mtk proxy: --target is required");
    }

    @Test
    void aBadListenAddressIsAUsageErrorNamingIt() {
        InProcessMtk.Result result = InProcessMtk.run("proxy", "--listen", "here", "--target", "7373");

        assertThat(result.code()).isEqualTo(Mtk.USAGE);
        assertThat(result.err()).startsWith("mtk proxy: invalid --listen 'here': expected HOST:PORT or PORT, the port from 0 to 65535");
    }

    @Test
    void aRecordingInAMissingFolderIsRefusedWithTheReason() {
        Path file = dir.resolve("missing").resolve("x.jsonl");

        InProcessMtk.Result result = InProcessMtk.run("proxy", "--listen", "0", "--target", "127.0.0.1:" + server.port(),
                "--record", file.toString());

        assertThat(result.code()).isEqualTo(Mtk.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("mtk: cannot write the recording " + file + ": no such folder: "
                + dir.resolve("missing") + System.lineSeparator());
    }
}
