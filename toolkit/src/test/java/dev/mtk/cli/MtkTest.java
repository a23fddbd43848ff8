package dev.mtk.cli;

import dev.mtk.payload.NamedPayload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.session.Profile;
import dev.mtk.session.SeedHandler;
import dev.mtk.session.Server;
import dev.mtk.session.ServerConfig;
import dev.mtk.testing.LogCapture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MtkTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final LogCapture log = new LogCapture();
    private final StopSignal stop = new StopSignal();
    private Map<String, String> env = Map.of();
    private Server server;

    @AfterEach
    void cleanUp() {
        if (server != null) {
            server.close();
        }
        stop.stop();
        log.close();
    }

    private int run(String stdin, boolean stdinTerminal, String... args) {
        return run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), stdinTerminal, args);
    }

    private int run(java.io.InputStream stdin, boolean stdinTerminal, String... args) {
        Console console = new Console(stdin,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                stdinTerminal, env, null);
        return new Mtk(console, stop).run(args);
    }

    private int run(String... args) {
        return run("", true, args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private int startServer(Profile profile) {
        server = Server.start(ServerConfig.loopback(0, profile), new SeedHandler());
        return server.port();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        assertThat(run("--help")).isZero();

        assertThat(out()).contains("usage: mtk <command>", "server", "client", "demo", "exit codes: 0 success, 1 runtime failure, 2 usage error");
    }

    @Test
    void versionPrintsTheBuiltVersion() {
        assertThat(run("--version")).isZero();

        assertThat(out()).matches("mtk \\d+\\.\\d+\\.\\d+.*\\R");
    }

    @Test
    void commandHelpShowsItsOptions() {
        assertThat(run("client", "--help")).isZero();

        assertThat(out()).contains("usage: mtk client", "--host", "--port", "--profile", "--max-frame", "--strict", "--timeout", "-e, --message");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run()).isEqualTo(Mtk.USAGE);

        assertThat(err()).startsWith("mtk: no command given").contains("usage: mtk <command>");
    }

    @Test
    void anUnknownCommandIsAUsageErrorNamingTheCommands() {
        assertThat(run("frobnicate")).isEqualTo(Mtk.USAGE);

        assertThat(err()).startsWith("mtk: unknown command 'frobnicate' (commands: server, client, demo, run, repl, bench, plugins, proxy, replay, dissector)");
    }

    @Test
    void aBadFlagIsOneLineAndWhereTheHelpIsNotTheWholeHelp() {
        assertThat(run("client", "--bogus")).isEqualTo(Mtk.USAGE);

        assertThat(err()).isEqualTo("mtk client: unrecognized option: --bogus\nRun 'mtk client --help' for usage.\n"
                .replace("\n", System.lineSeparator()));
    }

    @Test
    void aBadPortIsAUsageErrorNamingTheValue() {
        assertThat(run("client", "-p", "http")).isEqualTo(Mtk.USAGE);

        assertThat(err()).startsWith("mtk client: invalid --port 'http': expected a port from 1 to 65535");
    }

    @Test
    void anUnknownProfileIsAUsageErrorNamingTheKnownOnes() {
        assertThat(run("server", "--profile", "xml")).isEqualTo(Mtk.USAGE);

        assertThat(err()).startsWith("mtk server: unknown profile 'xml' (known: json, seed, reply)");
    }

    @Test
    void aBadMaxFrameIsAUsageError() {
        assertThat(run("server", "--max-frame", "lots")).isEqualTo(Mtk.USAGE);

        assertThat(err()).startsWith("mtk server: invalid --max-frame 'lots'");
    }

    @Test
    void clientDoesTheExchangeForEachMessage() {
        int port = startServer(Profile.json());

        int code = run("client", "-p", String.valueOf(port), "-e", "{\"a\": 1}", "-e", "[2]");

        assertThat(code).isZero();
        assertThat(out()).endsWith("send over" + System.lineSeparator());
        assertThat(err()).isEmpty();
        log.awaitContaining("server", "received 18 B (body 7 B): {\"a\":1}");
        log.awaitContaining("server", "received 14 B (body 3 B): [2]");
        assertThat(log.lines()).filteredOn(line -> line.startsWith("client") && line.contains("acknowledged: \"我收到了\""))
                .hasSize(2);
    }

    @Test
    void clientPairsRepliesWithRequestsByIdWhenTheyComeBackInAnotherOrder() {
        server = Server.start(ServerConfig.loopback(0, Profile.reply()), dev.mtk.session.OvertakeHandlerProvider.handler());

        int code = run("client", "127.0.0.1:" + server.port(), "--profile", "reply", "--correlate", "$.id",
                "-e", "{\"id\":1,\"op\":\"get\"}", "-e", "{\"id\":2,\"op\":\"get\"}");

        assertThat(code).isZero();
        assertThat(err()).isEmpty();
        log.awaitContaining("client", "received 23 B (body 19 B): {\"id\":1,\"op\":\"get\"} (reply to $.id 1)");
        log.awaitContaining("client", "received 23 B (body 19 B): {\"id\":2,\"op\":\"get\"} (reply to $.id 2)");
        assertThat(log.lines()).noneMatch(line -> line.contains("confirmed"));
    }

    @Test
    void clientRefusesTwoRequestsWithOneIdBeforeConnecting() throws IOException {
        int code = run("client", "127.0.0.1:" + closedPort(), "--profile", "reply", "--correlate", "$.id",
                "-e", "{\"id\":7}", "-e", "{\"id\":7.0}");

        assertThat(code).isEqualTo(Mtk.USAGE);
        assertThat(err()).startsWith("mtk client: -e #2: $.id 7 is also -e #1's; each request needs its own (--correlate)");
    }

    @Test
    void clientRefusesARequestWithoutTheCorrelatedIdBeforeConnecting() throws IOException {
        int code = run("client", "127.0.0.1:" + closedPort(), "--profile", "reply", "--correlate", "$.id",
                "-e", "{\"op\":\"get\"}");

        assertThat(code).isEqualTo(Mtk.USAGE);
        assertThat(err()).startsWith("mtk client: -e #1: no $.id in the message, so its reply cannot be paired with it");
    }

    @Test
    void correlatingTheSeedsExchangeIsAUsageErrorSayingWhatToAdd() {
        assertThat(run("client", "--correlate", "$.id")).isEqualTo(Mtk.USAGE);

        assertThat(err()).startsWith("mtk client: --correlate pairs replies with requests, which the seed's exchange "
                + "does not have: choose the exchange reply (or the profile reply)");
    }

    @Test
    void aOneWayClientSendsEveryMessageAndAwaitsNothing() {
        server = Server.start(ServerConfig.loopback(0, Profile.reply()), (session, message) -> { });

        int code = run("client", "127.0.0.1:" + server.port(), "--profile", "reply", "--exchange", "oneway",
                "-e", "[1]", "-e", "[2]");

        assertThat(code).isZero();
        log.awaitContaining("server", "received 7 B (body 3 B): [2]");
    }

    @Test
    void aReplyServerEchoesByDefaultAndTakesAnOkBodyAsARequest() throws Exception {
        CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(
                () -> run("server", "-p", "0", "--profile", "reply"));
        String listening = Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(this::out, text -> text.contains("listening on"));
        Matcher address = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+) \\(profile reply, framing "
                + "length-field:width=4, payload json, exchange reply,").matcher(listening);
        assertThat(address.find()).isTrue();

        int code = new Mtk(new Console(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), true, Map.of(), null), new StopSignal())
                .run("client", "127.0.0.1:" + address.group(1), "--profile", "reply", "-e", "\"ok\"");

        assertThat(code).isZero();
        log.awaitContaining("server", "received 8 B (body 4 B): \"ok\"");
        log.awaitContaining("client", "received 8 B (body 4 B): \"ok\"");
        assertThat(stop.stopAndWait(Duration.ZERO)).isFalse();
        assertThat(serving.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void clientSendsAJsonStringGivenInQuotesAsAString() {
        int port = startServer(Profile.json());

        int code = run("client", "-p", String.valueOf(port), "-e", "\"hello\"");

        assertThat(code).as(err()).isZero();
        log.awaitContaining("server", "received 18 B (body 7 B): \"hello\"");
    }

    @Test
    void clientSendsEachLineOfStandardInputWhenItIsNotATerminal() {
        int port = startServer(Profile.json());

        int code = run("{\"line\":1}\n\n{\"line\":2}\n", false, "client", "-p", String.valueOf(port));

        assertThat(code).isZero();
        log.awaitContaining("server", "{\"line\":1}");
        log.awaitContaining("server", "{\"line\":2}");
    }

    @Test
    void clientWithEmptyStandardInputSendsTheSeedSample() {
        int port = startServer(Profile.json());

        assertThat(run("", false, "client", "-p", String.valueOf(port))).isZero();

        log.awaitContaining("server", "\"Name\":\"Joel\"");
        assertThat(err()).isEmpty();
    }

    @Test
    void clientSendsAPrettyPrintedDocumentOnStandardInputAsOneMessage() {
        int port = startServer(Profile.json());

        int code = run("{\n  \"a\": [\n    1,\n    2\n  ]\n}\n{\"b\": 2} [3]\n", false, "client", "-p", String.valueOf(port));

        assertThat(code).isZero();
        log.awaitContaining("server", "body 11 B): {\"a\":[1,2]}");
        log.awaitContaining("server", "{\"b\":2}");
        log.awaitContaining("server", "body 3 B): [3]");
    }

    @Test
    void clientSendsEachLineOfStandardInputForATextPayload() {
        server = Server.start(ServerConfig.loopback(0, Profile.json().withPayload(dev.mtk.payload.NamedPayload.of("text", new dev.mtk.payload.TextPayloadCodec()))),
                new SeedHandler());

        int code = run("one {\ntwo\n", false, "client", "-p", String.valueOf(server.port()), "--payload", "text");

        assertThat(code).isZero();
        log.awaitContaining("server", "(body 5 B): one {");
        log.awaitContaining("server", "(body 3 B): two");
    }

    @Test
    void clientChecksEveryMessageOfStandardInputBeforeConnecting() throws IOException {
        int port = closedPort();

        assertThat(run("{}\n{\"a\": 1", false, "client", "-p", String.valueOf(port))).isEqualTo(Mtk.USAGE);

        assertThat(err()).startsWith("mtk client: stdin: unclosed object (opened at line 2, column 1)" + System.lineSeparator())
                .doesNotContain("connect");
    }

    @Test
    void clientReadsAMessageFromAFileAfterAnAt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder)
            throws IOException {
        int port = startServer(Profile.json());
        java.nio.file.Path file = java.nio.file.Files.writeString(folder.resolve("pretty.json"), "{\n  \"from\": \"file\"\n}\n");

        assertThat(run("client", "-p", String.valueOf(port), "-e", "@" + file)).isZero();

        log.awaitContaining("server", "{\"from\":\"file\"}");
    }

    @Test
    void clientNamesAFileThatIsNotThere() {
        assertThat(run("client", "-e", "@nowhere.json")).isEqualTo(Mtk.USAGE);

        assertThat(err()).startsWith("mtk client: -e #1: no such file: nowhere.json" + System.lineSeparator());
    }

    @Test
    void clientReadsOneMessageFromStandardInputForAtDash() {
        int port = startServer(Profile.json());

        assertThat(run("[\n 1\n]\n", false, "client", "-p", String.valueOf(port), "-e", "{}", "-e", "@-")).isZero();

        log.awaitContaining("server", "body 2 B): {}");
        log.awaitContaining("server", "body 3 B): [1]");
    }

    @Test
    void clientSaysItIsWaitingForStandardInputThatDoesNotEnd() throws Exception {
        int port = startServer(Profile.json());
        java.io.PipedOutputStream writer = new java.io.PipedOutputStream();
        java.io.PipedInputStream stdin = new java.io.PipedInputStream(writer);

        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(
                () -> run(stdin, false, "client", "-p", String.valueOf(port)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> err().equals(
                "mtk client: waiting for standard input to end before sending (give -e to send without it)"
                        + System.lineSeparator()));
        writer.write("{\"late\": true}\n".getBytes(StandardCharsets.UTF_8));
        writer.close();

        assertThat(running.get(10, TimeUnit.SECONDS)).isZero();
        log.awaitContaining("server", "{\"late\":true}");
    }

    @Test
    void clientRefusesAMessageLargerThanMaxFrameBeforeConnecting() throws IOException {
        int port = closedPort();

        assertThat(run("client", "-p", String.valueOf(port), "--max-frame", "16", "-e", "{}", "-e", "[1,2,3,4,5,6,7,8]",
                "--max-frame", "16")).isEqualTo(Mtk.USAGE);

        assertThat(err()).startsWith("mtk client: -e #2: the message is 17 B, more than --max-frame 16 B "
                + "(a server with that limit closes the connection; raise --max-frame on both sides)"
                + System.lineSeparator()).doesNotContain("cannot connect");
    }

    @Test
    void clientOfTheSeedProfileAgainstAJsonServerSaysTheReplyDoesNotMatchAndExitsOne() {
        int port = startServer(Profile.json());

        assertThat(run("client", "--profile", "seed", "-p", String.valueOf(port))).isEqualTo(Mtk.FAILED);

        assertThat(err()).isEqualTo("mtk: the reply from 127.0.0.1:" + port + " is not the seed profile's acknowledgement: "
                + "expected 我收到了 (12 B, unframed), got Headers\\x00\\x00\\x00\\x0e\" (12 B); does the server speak "
                + "another profile? (--profile)" + System.lineSeparator());
        assertThat(out()).doesNotContain("send over");
        assertThat(log.lines()).noneMatch(line -> line.chars().anyMatch(c -> c < 0x20));
    }

    @Test
    void clientSaysAnUnclosedObjectInPlainWords() {
        assertThat(run("client", "-e", "{\"a\": 1")).isEqualTo(Mtk.USAGE);

        assertThat(err()).startsWith("mtk client: -e #1: unclosed object (opened at line 1, column 1)"
                + System.lineSeparator());
    }

    @Test
    void clientSendsTheSeedMessageWhenGivenNothing() {
        int port = startServer(Profile.json());

        assertThat(run("client", "-p", String.valueOf(port))).isZero();

        log.awaitContaining("server", "\"Name\":\"Joel\"");
    }

    @Test
    void clientSpeaksTheSeedProfile() {
        int port = startServer(Profile.seed());

        assertThat(run("client", "--profile", "seed", "-p", String.valueOf(port))).isZero();

        log.awaitContaining("client", "acknowledged: 我收到了 12 B, for 74 B sent");
        log.awaitContaining("server", "confirmed: ok 2 B");
    }

    @Test
    void clientThatCannotConnectExitsOneWithOneLine() throws IOException {
        int port = closedPort();

        assertThat(run("client", "-p", String.valueOf(port))).isEqualTo(Mtk.FAILED);

        assertThat(err()).isEqualTo("mtk: cannot connect to 127.0.0.1:" + port + ": connection refused" + System.lineSeparator());
    }

    @Test
    void clientWithoutAnAcknowledgementInTimeExitsOne() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return silent.accept();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });

            int code = run("client", "-p", String.valueOf(silent.getLocalPort()), "--timeout", "300ms");

            assertThat(code).isEqualTo(Mtk.FAILED);
            assertThat(err()).isEqualTo("mtk: no acknowledgement from 127.0.0.1:" + silent.getLocalPort()
                    + " within 300 ms" + System.lineSeparator());
            accepted.get(5, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void clientRefusesInvalidJsonWithExitTwoBeforeConnecting() throws IOException {
        int port = closedPort();

        assertThat(run("client", "-p", String.valueOf(port), "-e", "{}", "-e", "{bad")).isEqualTo(Mtk.USAGE);

        assertThat(err()).startsWith("mtk client: -e #2: invalid JSON at line 1, column 2: ")
                .contains("Run 'mtk client --help' for usage.")
                .doesNotContain("connect")
                .doesNotContain("\tat ");
    }

    @Test
    void clientNamesTheStandardInputLineThatIsNotJson() {
        int port = startServer(Profile.json());

        assertThat(run("{}\nnope\n", false, "client", "-p", String.valueOf(port))).isEqualTo(Mtk.USAGE);

        assertThat(err()).startsWith("mtk client: stdin: invalid JSON at line 2, column 1: unexpected 'nope'");
    }

    @Test
    void serverPrintsWhereItListensAndStopsCleanlyWhenSignalled() throws Exception {
        CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(() -> run("server", "-p", "0", "--quiet"));
        String listening = Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(this::out, text -> text.contains("listening on"));
        Matcher address = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+) \\(profile json").matcher(listening);
        assertThat(address.find()).isTrue();

        int port = Integer.parseInt(address.group(1));
        assertThat(new Mtk(new Console(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), true, Map.of(), null), new StopSignal()).run("client", "-p", String.valueOf(port)))
                .isZero();
        assertThat(stop.stopAndWait(Duration.ZERO)).isFalse();

        assertThat(serving.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(out()).endsWith("server stopped" + System.lineSeparator());
    }

    @Test
    void serverOnATakenPortExitsOneWithOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThat(run("server", "-p", String.valueOf(port))).isEqualTo(Mtk.FAILED);

            assertThat(err()).isEqualTo("mtk: cannot listen on 127.0.0.1:" + port + ": address already in use"
                    + System.lineSeparator());
        }
    }

    @Test
    void demoShowsBothSidesOfTheExchange() {
        assertThat(run("demo")).isZero();

        assertThat(out()).startsWith("listening on 127.0.0.1:").endsWith("send over" + System.lineSeparator());
        log.awaitContaining("client", "sent 74 B (body 63 B)");
        log.awaitContaining("server", "received 74 B (body 63 B)");
        log.awaitContaining("server", "confirmed: \"ok\"");
        log.awaitContaining("server", "closed (in 89 B, out 25 B)");
    }

    @Test
    void demoLogsEachLineAfterTheLineThatCausedIt() {
        assertThat(run("demo")).isZero();

        log.awaitContaining("server", "closed (in 89 B, out 25 B)");
        java.util.List<String> lines = log.lines();
        assertThat(lineOf(lines, "client", " sent ")).as("%s", lines).isLessThan(lineOf(lines, "server", " received "));
        assertThat(lineOf(lines, "server", " acknowledged: ")).as("%s", lines)
                .isLessThan(lineOf(lines, "client", " acknowledged: "));
        assertThat(lineOf(lines, "client", " confirmed with ")).as("%s", lines)
                .isLessThan(lineOf(lines, "server", " confirmed: "));
    }

    private static int lineOf(java.util.List<String> lines, String side, String event) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(side + " ") && lines.get(i).contains(event)) {
                return i;
            }
        }
        throw new AssertionError("no " + side + event + "line in " + lines);
    }

    @Test
    void demoInTheSeedProfile() {
        assertThat(run("demo", "--profile", "seed")).isZero();

        log.awaitContaining("server", "acknowledged: 我收到了 12 B");
    }

    @Test
    void quietLeavesOutPerMessageLines() {
        assertThat(run("demo", "--quiet")).isZero();

        assertThat(log.lines()).isEmpty();
        assertThat(out()).contains("send over");
    }

    @Test
    void pluginsListsTheBuiltInCodecsInAlignedColumns() {
        assertThat(run("plugins")).isZero();

        String[] lines = out().split("\\R");
        assertThat(lines[0]).matches("KIND +NAME +VERSION +ORIGIN +DESCRIPTION");
        assertThat(lines).anyMatch(line -> line.matches("framing +headers +\\S+ +built-in +the seed's framing.*"))
                .anyMatch(line -> line.matches("payload +json +\\S+ +built-in +UTF-8 JSON.*"));
        int originColumn = lines[0].indexOf("ORIGIN");
        assertThat(java.util.Arrays.asList(lines).subList(1, lines.length))
                .allMatch(line -> line.startsWith("built-in", originColumn));
    }

    @Test
    void pluginsAsJsonForMachines() throws Exception {
        assertThat(run("plugins", "--json")).isZero();

        var document = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out());
        assertThat(document.get("plugins")).hasSize(12);
        assertThat(document.get("plugins").get(0).get("kind").asText()).isEqualTo("framing");
        assertThat(document.get("plugins").get(0).get("name").asText()).isEqualTo("headers");
        assertThat(document.get("plugins").get(0).get("origin").asText()).isEqualTo("built-in");
        assertThat(document.get("plugins").get(11).get("kind").asText()).isEqualTo("handler");
        assertThat(document.get("warnings")).isEmpty();
    }

    @Test
    void aPluginsFolderThatDoesNotExistIsAOneLineWarningAndTheCommandGoesOn(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path missing = dir.resolve("nope");

        assertThat(run("plugins", "--plugins", missing.toString())).isZero();

        assertThat(err()).isEqualTo("mtk: warning: plugin folder " + missing + " (--plugins): no such folder; "
                + "going on without it" + System.lineSeparator());
        assertThat(out()).contains("built-in");
    }

    @Test
    void pluginsFromAFolderAndTheEnvironmentAreListedAndABrokenJarIsAWarning(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path fromFlag = dir.resolve("flag");
        java.nio.file.Path fromEnv = dir.resolve("env");
        java.nio.file.Path jar = new dev.mtk.testing.JarBuilder()
                .source("com.example.Upper", dev.mtk.testing.JarBuilder.payloadCodec("com.example.Upper", "upper", "\"shouts\"", ""))
                .service(dev.mtk.spi.PayloadProvider.class, "com.example.Upper")
                .build(fromFlag.resolve("upper.jar"));
        java.nio.file.Path broken = java.nio.file.Files.createDirectories(fromEnv).resolve("broken.jar");
        java.nio.file.Files.writeString(broken, "not a zip");
        env = Map.of("MTK_PLUGINS", fromEnv.toString());

        assertThat(run("plugins", "--plugins", fromFlag.toString())).isZero();

        assertThat(out()).containsPattern("payload +upper +1\\.0\\.0 +" + java.util.regex.Pattern.quote(jar.toString()) + " +shouts");
        assertThat(err()).startsWith("mtk: warning: plugin " + broken + ": not a jar (zip) file");
    }

    @Test
    void anUnknownPayloadIsAUsageErrorNamingTheKnownOnes() {
        assertThat(run("client", "--payload", "xml")).isEqualTo(Mtk.USAGE);

        assertThat(err()).startsWith("mtk client: unknown payload 'xml' (known: bytes, json, text)");
    }

    @Test
    void anUnknownFramingOptionIsAUsageErrorNamingTheFramingAndItsOptions() {
        assertThat(run("server", "--framing", "length-field:size=2")).isEqualTo(Mtk.USAGE);

        assertThat(err()).startsWith("mtk server: framing length-field: unknown option 'size' (known: magic, offset, width");
    }

    @Test
    void aHandlerOptionItDoesNotTakeIsOneLineNamingTheHandlerAndTheHelp() {
        assertThat(run("server", "--port", "0", "--handler", "echo:bogus=1")).isEqualTo(Mtk.USAGE);

        assertThat(err()).isEqualTo("mtk server: handler echo: unknown option 'bogus' (it takes none)\n"
                + "Run 'mtk server --help' for usage.\n");
    }

    @Test
    void clientAndServerSpeakAChosenFramingAndPayload() {
        server = Server.start(ServerConfig.loopback(0, Profile.json()
                .withFraming(dev.mtk.plugin.Registry.builtIn().framingSpec("length-field:width=2,order=little"))
                .withPayload(dev.mtk.payload.NamedPayload.of("text", new dev.mtk.payload.TextPayloadCodec()))), new SeedHandler());

        int code = run("client", "-p", String.valueOf(server.port()), "--framing", "length-field:width=2,order=little",
                "--payload", "text", "-e", "plain words");

        assertThat(code).as(err()).isZero();
        log.awaitContaining("server", "received 13 B (body 11 B): plain words");
        log.awaitContaining("client", "acknowledged: 我收到了 14 B (body 12 B)");
    }

    @Test
    void theSeedProfileRunsOverAnotherLengthFieldFraming() {
        assertThat(run("demo", "--profile", "seed", "--framing", "length-field:magic=MTK,width=2")).as(err()).isZero();

        log.awaitContaining("server", "received 68 B (body 63 B)");
        log.awaitContaining("server", "confirmed: ok 2 B");
    }

    @Test
    void demoRefusesTlsRatherThanRunningInPlainText() {
        assertThat(run("demo", "--tls")).isEqualTo(Mtk.USAGE);

        assertThat(err()).startsWith("mtk demo: unrecognized option: --tls");
        assertThat(out()).isEmpty();
    }

    @Test
    void demoRefusesClientAuth() {
        assertThat(run("demo", "--client-auth", "need")).isEqualTo(Mtk.USAGE);

        assertThat(err()).startsWith("mtk demo: unrecognized option: --client-auth");
    }

    @Test
    void dissectorRefusesQuietWhichItCouldNotHonour() {
        assertThat(run("dissector", "-q")).isEqualTo(Mtk.USAGE);

        assertThat(err()).startsWith("mtk dissector: unrecognized option: -q");
    }

    @Test
    void aTlsPasswordWithoutTlsIsRefused() {
        assertThat(run("client", "--keystore-password", "secret")).isEqualTo(Mtk.USAGE);

        assertThat(err()).startsWith("mtk client: --keystore-password needs --tls");
    }

    @Test
    void clientTakesItsAddressAsHostColonPortWithOptionsAfterIt() {
        int port = startServer(Profile.named("json"));

        assertThat(run("client", "127.0.0.1:" + port, "-e", "{\"n\": 1}")).isZero();

        assertThat(out()).contains("send over");
        log.awaitContaining("server", "received", "{\"n\":1}");
    }

    @Test
    void aMemcachedClientSendsAWholeFrameAndRefusesAWrongOneWithOneLine() {
        Profile memcached = dev.mtk.plugin.Registry.builtIn().profile(Map.of("framing", "memcached",
                "payload", "bytes"));
        server = Server.start(ServerConfig.loopback(0, memcached),
                new dev.mtk.session.EchoHandlerProvider().create(dev.mtk.spi.Options.none()));
        int port = server.port();
        String get = "80 00 0003 00 00 0000 00000003 00000007 0000000000000000 666f6f";

        assertThat(run("client", "127.0.0.1:" + port, "--framing", "memcached", "--payload", "bytes", "-e", get))
                .isZero();
        assertThat(run("client", "127.0.0.1:" + port, "--framing", "memcached", "--payload", "bytes", "-e",
                get.replace("00000003 00000007", "00000005 00000007"))).isEqualTo(2);

        assertThat(err()).startsWith("mtk client: -e #1: length field (offset 8, 4 bytes): found 5, expected 3 for a "
                + "27-byte frame (3-byte body; length=fill writes it)\n");
        log.awaitContaining("client", "received 27 B: [magic=128 opcode=0 keylen=3 extlen=0 status=0 opaque=7 cas=0]");
    }

    @Test
    void aWrongWholeFrameIsRefusedBeforeConnecting() throws IOException {
        int code = run("client", "127.0.0.1:" + closedPort(), "--framing", "memcached", "--payload", "bytes",
                "-e", "80 00");

        assertThat(code).isEqualTo(Mtk.USAGE);
        assertThat(err()).startsWith("mtk client: -e #1: ").doesNotContain("cannot connect");
    }

    @Test
    void benchTakesItsAddressAsHostColonPort() {
        int port = startServer(Profile.named("json"));

        assertThat(run("bench", "127.0.0.1:" + port, "-c", "1", "-n", "2", "--exchange")).isZero();

        assertThat(out()).contains("2");
    }

    @Test
    void anAddressAndHostTogetherAreRefused() {
        assertThat(run("client", "127.0.0.1:7373", "-H", "127.0.0.1")).isEqualTo(Mtk.USAGE);

        assertThat(err()).startsWith("mtk client: give HOST:PORT or -H/-p, not both");
    }

    @Test
    void anIpv6AddressIsWrittenInBrackets() throws IOException {
        int port = closedPort();

        assertThat(run("client", "[::1]:" + port, "--timeout", "2s")).isEqualTo(Mtk.FAILED);

        assertThat(err()).startsWith("mtk: cannot connect to [::1]:" + port);
    }

    @Test
    void replTakesOptionsAfterItsAddress() {
        int port = startServer(Profile.named("json"));

        assertThat(run("quit\n", false, "repl", "127.0.0.1:" + port, "--no-history")).isZero();

        assertThat(err()).doesNotContain("unexpected argument");
    }
}
