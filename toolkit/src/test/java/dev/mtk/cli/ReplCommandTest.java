package dev.mtk.cli;

import dev.mtk.payload.NamedPayload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.payload.TextPayloadCodec;
import dev.mtk.session.Profile;
import dev.mtk.session.SeedHandler;
import dev.mtk.session.Server;
import dev.mtk.session.ServerConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code mtk repl} with standard input not a terminal: a transcript, its exit code, and the command line's errors. */
class ReplCommandTest {
    private static final String NL = System.lineSeparator();

    private final Server server = Server.start(ServerConfig.loopback(0, Profile.json()), new SeedHandler());
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void stopServer() {
        server.close();
    }

    private int mtk(String input, String... args) {
        Console console = new Console(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false, Map.of(), null);
        return new Mtk(console, new StopSignal()).run(args);
    }

    private String address() {
        return "127.0.0.1:" + server.port();
    }

    @Test
    void aTranscriptThatPassesExitsZero() {
        int code = mtk("exchange {\"n\": 1}\nsessions\n", "repl", "--no-history", address());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("#1 <- 25 B (body 14 B) \"我收到了\"",
                "#1 -> 15 B (body 4 B) \"ok\"");
    }

    @Test
    void anExpectThatTimesOutExitsOne() {
        int code = mtk("expect\n", "repl", "--no-history", "--timeout", "200ms", address());

        assertThat(code).isEqualTo(Mtk.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("mtk repl: line 1: no frame from #1 " + address() + " within 200 ms" + NL);
    }

    @Test
    void theProfileFlagsChooseHowSessionsSpeak() {
        try (Server text = Server.start(ServerConfig.loopback(0, Profile.json().withPayload(NamedPayload.of("text", new TextPayloadCodec()))),
                new SeedHandler())) {
            int code = mtk("send plain words\nexpect\n", "repl", "--no-history", "--payload", "text",
                    "127.0.0.1:" + text.port());

            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("payload text, exchange seed)", "#1 -> 22 B (body 11 B) plain words",
                    "#1 <- 23 B (body 12 B) 我收到了");
        }
    }

    @Test
    void twoAddressesAreAUsageError() {
        int code = mtk("", "repl", address(), address());

        assertThat(code).isEqualTo(Mtk.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("mtk repl: unexpected argument '" + address() + "' (give at most one HOST:PORT)");
    }

    @Test
    void historyAndNoHistoryTogetherAreAUsageError() {
        int code = mtk("", "repl", "--history", "h", "--no-history");

        assertThat(code).isEqualTo(Mtk.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("mtk repl: give --history FILE or --no-history, not both");
    }

    @Test
    void helpListsTheReplsOptions() {
        int code = mtk("", "repl", "--help");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: mtk repl [HOST:PORT] [options]", "--history",
                "--no-history", "--timeout", "--profile", "--payload");
    }
}
