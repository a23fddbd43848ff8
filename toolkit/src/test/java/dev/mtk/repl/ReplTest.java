package dev.mtk.repl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.plugin.Registry;
import dev.mtk.session.OvertakeHandlerProvider;
import dev.mtk.session.Profile;
import dev.mtk.session.SeedHandler;
import dev.mtk.session.Server;
import dev.mtk.session.ServerConfig;
import dev.mtk.spi.FrameLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REPL against a real server on loopback: on a jline terminal over in-memory streams, and from standard input. */
class ReplTest {
    private static final String ACK = "<- 25 B (body 14 B) \"我收到了\"";
    private static final String OK = "-> 15 B (body 4 B) \"ok\"";

    @TempDir
    Path dir;
    private Server server;

    @BeforeEach
    void startServer() {
        server = Server.start(ServerConfig.loopback(0, Profile.json()), new SeedHandler());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private String address() {
        return "127.0.0.1:" + server.port();
    }

    private ReplConfig config(String connect) {
        return new ReplConfig(Profile.json(), Registry.builtIn(), FrameLimits.DEFAULT, Duration.ofSeconds(5), connect,
                dir.resolve("history"), false);
    }

    /** A REPL fed lines on standard input, and what it printed on each stream. */
    abstract static class Transcript {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();

        int run(ReplConfig config, String... lines) {
            byte[] input = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
            return Repl.lines(config, new ByteArrayInputStream(input), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    @Nested
    class OnATerminal {
        private ReplTerminal repl;

        @AfterEach
        void quit() {
            if (repl != null) {
                repl.close();
            }
        }

        @Test
        void thePromptShowsClosedAsSoonAsTheServerClosesTheSession() {
            repl = ReplTerminal.start(config(address()));
            repl.await("mtk " + address() + " json> ");

            server.close();

            repl.await("mtk " + address() + " json (closed)> ");
        }

        @Test
        void withoutASessionThePromptIsMtk() {
            repl = ReplTerminal.start(config(null));

            repl.await("mtk> ");
        }

        @Test
        void anAddressGivenConnectsAtOnceAndThePromptShowsPeerAndPayload() {
            repl = ReplTerminal.start(config(address()));

            repl.await("#1 connected to " + address());
            repl.await("mtk " + address() + " json> ");
        }

        @Test
        void jsonOnOneLineIsSentAndTheAcknowledgementShown() {
            repl = ReplTerminal.start(config(address()));

            repl.enter("send {\"n\": 42}");

            String screen = repl.await(ACK);
            assertThat(screen).containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} #1 -> 19 B \\(body 8 B\\) \\{\"n\":42\\}");
            assertThat(screen.indexOf("-> 19 B")).as("sent before acknowledged").isLessThan(screen.indexOf(ACK));
        }

        @Test
        void namedHeaderFieldsOfAReceivedFrameAreShownAfterItsSize() {
            Profile memcached = Registry.builtIn().profile(java.util.Map.of("framing", "memcached", "payload", "bytes"));
            try (Server echo = Server.start(ServerConfig.loopback(0, memcached),
                    new dev.mtk.session.EchoHandlerProvider().create(dev.mtk.spi.Options.none()))) {
                repl = ReplTerminal.start(new ReplConfig(memcached, Registry.builtIn(), FrameLimits.DEFAULT,
                        Duration.ofSeconds(5), "127.0.0.1:" + echo.port(), dir.resolve("history"), false));
                repl.await("#1 connected to");

                repl.enter("send 80 0a 0000 00 00 0000 00000000 00000005 0000000000000000");

                repl.await("#1 <- 24 B [magic=128 opcode=10 keylen=0 extlen=0 status=0 opaque=5 cas=0]");
            }
        }

        @Test
        void aLineStartingWithABraceIsSentAsItIs() {
            repl = ReplTerminal.start(config(address()));

            repl.enter("{\"n\": 1}");

            repl.await("#1 -> 18 B (body 7 B) {\"n\":1}");
            repl.await(ACK);
        }

        @Test
        void jsonOnThreeLinesIsSentWhenItsBracketsClose() {
            repl = ReplTerminal.start(config(address()));
            repl.await("json> ");

            repl.enter("send {").enter("  \"n\": [1,").enter("   2]}");

            String screen = repl.await(ACK);
            assertThat(ReplTerminal.count(screen, " -> ")).isEqualTo(1);
            assertThat(screen).contains("#1 -> 22 B (body 11 B) {\"n\":[1,2]}");
            assertThat(screen).contains(" > ");
        }

        @Test
        void exchangeSendsWaitsForTheAcknowledgementAndConfirms() {
            repl = ReplTerminal.start(config(address()));

            repl.enter("exchange {\"n\": 1}");

            String screen = repl.await(OK);
            assertThat(screen.indexOf(ACK)).isLessThan(screen.indexOf(OK));
        }

        @Test
        void twoSessionsAtOnceEachWithItsOwnFrames() {
            repl = ReplTerminal.start(config(address()));
            repl.await("#1 connected");

            repl.enter("connect " + address());
            repl.await("mtk #2 " + address() + " json> ");
            repl.enter("send {\"to\": 2}").enter("use 1").enter("send {\"to\": 1}");

            repl.await("#1 " + ACK);
            String screen = repl.await("#2 " + ACK);
            assertThat(screen).contains("#2 -> 19 B (body 8 B) {\"to\":2}", "#1 -> 19 B (body 8 B) {\"to\":1}");
            repl.enter("sessions");
            repl.await("*  1   " + address());
            repl.await("   2   " + address());
        }

        @Test
        void ctrlCClearsTheLineWithoutRunningIt() {
            repl = ReplTerminal.start(config(address()));
            repl.await("json> ");

            repl.type("send {\"n\": 1}\u0003").enter("= 'after'");

            String screen = repl.await("after");
            assertThat(screen).doesNotContain(" -> ");
        }

        @Test
        void ctrlDLeavesWithZeroAndClosesTheSessions() {
            repl = ReplTerminal.start(config(address()));
            repl.await("json> ");
            Awaitility.await().until(() -> server.sessionCount() == 1);

            repl.type("\u0004");

            assertThat(repl.exitCode()).isZero();
            Awaitility.await().until(() -> server.sessionCount() == 0);
        }

        @Test
        void quitLeavesWithZeroAndClosesTheSessions() {
            repl = ReplTerminal.start(config(address()));
            repl.enter("connect " + address());
            Awaitility.await().until(() -> server.sessionCount() == 2);

            repl.enter("quit");

            assertThat(repl.exitCode()).isZero();
            Awaitility.await().until(() -> server.sessionCount() == 0);
        }

        @Test
        void aLostConnectionIsReportedOnceAndTheSessionMarkedClosed() {
            repl = ReplTerminal.start(config(address()));
            repl.await("json> ");

            server.close();

            repl.await("#1 " + address() + " closed: closed by peer");
            repl.enter("send {\"n\": 1}");
            repl.await("session #1 to " + address() + " is closed: closed by peer");
            // the prompt is drawn after the error line: wait for it rather than read the screen at once
            String screen = repl.await("json (closed)> ");
            assertThat(ReplTerminal.count(screen, "closed: closed by peer")).isEqualTo(2);
        }

        @Test
        void anUnknownCommandSuggestsTheClosest() {
            repl = ReplTerminal.start(config(null));

            repl.enter("sned {}");

            repl.await("unknown command 'sned' (did you mean 'send'? help lists the commands)");
        }

        @Test
        void aGroovyExpressionPrintsItsValueAndCanSendThroughTheSession() {
            repl = ReplTerminal.start(config(address()));

            // One line at a time: typed ahead, the second line is echoed before the first one's value.
            repl.enter("= 1 + 1").await("= 1 + 1\n2\n");
            repl.enter("= session.send([n: 41 + 1])");

            repl.await("#1 -> 19 B (body 8 B) {\"n\":42}");
        }

        @Test
        void aGroovyBlockGoesOnUntilItsBracketsClose() {
            repl = ReplTerminal.start(config(null));
            repl.await("mtk> ");

            repl.enter("= [1, 2, 3].collect { n ->").enter("  n * 2").enter("}");

            repl.await("[2, 4, 6]");
        }

        @Test
        void nothingTypedEndsTheRepl() {
            repl = ReplTerminal.start(config(address()));

            repl.enter("send {oops}").enter("= throw new IllegalStateException('boom')").enter("use 9")
                    .enter("expect 1ms").enter("load /no/such.groovy").enter("= def f; f = { f() }; f()")
                    .enter("connect nowhere").enter("hex sideways").enter("= 'still here: ' + 6 * 7");

            String screen = repl.await("still here: 42");
            assertThat(screen).contains("cannot send: invalid JSON at line 1, column 2",
                    "java.lang.IllegalStateException: boom", "no session '9' (sessions: 1)",
                    "no frame from #1 " + address() + " within 1 ms", "no such script: /no/such.groovy",
                    "java.lang.StackOverflowError", "invalid address 'nowhere'",
                    "hex takes on or off, not 'sideways'");
        }

        @Test
        void hexOnShowsEachFramesBytesOnTheWire() {
            repl = ReplTerminal.start(config(address()));

            repl.enter("hex on").enter("send 1");

            repl.await("00000000  48 65 61 64 65 72 73 00  00 00 01 31              |Headers....1|");
        }

        @Test
        void jsonIsColouredOnAColourTerminal() {
            repl = ReplTerminal.start(config(address()));

            repl.enter("send {\"n\": 42}");

            repl.await(ACK);
            assertThat(repl.raw()).contains("\u001B[34;1m\"n\"", "\u001B[36m42", "\u001B[32m\"我收到了\"");
        }

        @Test
        void aDumbTerminalGetsNoColours() {
            repl = ReplTerminal.start(config(address()), "dumb");

            repl.enter("send {\"n\": 42}");

            repl.await(ACK);
            assertThat(repl.raw()).doesNotContain("\u001B[");
        }

        @Test
        void tabCompletesACommand() {
            repl = ReplTerminal.start(config(null));
            repl.await("mtk> ");

            repl.type("sessi\t\r");

            repl.await("no sessions: connect HOST:PORT opens one");
        }

        @Test
        void historyIsWrittenToTheFileAndReadBackByTheNextRepl() throws IOException {
            repl = ReplTerminal.start(config(null));
            repl.enter("= 40 + 2").await("42");
            repl.enter("quit");
            assertThat(repl.exitCode()).isZero();
            assertThat(Files.readString(dir.resolve("history"))).contains("= 40 + 2", "quit");
            repl.close();

            repl = ReplTerminal.start(config(null));
            repl.await("mtk> ");
            // Ctrl-P twice: back over 'quit' to '= 40 + 2'
            repl.type("\u0010\u0010\r");

            repl.await("42");
        }
    }

    @Nested
    class FromStandardInput extends Transcript {

        @Test
        void aTranscriptRunsLineByLineWithoutPromptOrEscapesAndExitsZero() {
            int code = run(config(null), "connect " + address(), "send {\"n\": 1}", "ack", "sessions");

            assertThat(code).as(err()).isZero();
            assertThat(err()).isEmpty();
            assertThat(out()).contains("#1 connected to " + address(), "#1 -> 18 B (body 7 B) {\"n\":1}", "#1 " + ACK,
                    "#1 " + OK, "open   1   2").doesNotContain("mtk>", "json>", "\u001B");
        }

        @Test
        void anExpressionNamingAnUnknownPropertySaysWhichNotTheExceptionClass() {
            int code = run(config(null), "= foo.bar");

            assertThat(code).isEqualTo(1);
            assertThat(err()).isEqualTo("mtk repl: line 1: no such property: foo" + System.lineSeparator());
        }

        @Test
        void anExpressionNamingAnUnknownPropertyOfAValueSaysWhichAndOnWhat() {
            int code = run(config(null), "= 'text'.bar");

            assertThat(code).isEqualTo(1);
            assertThat(err()).isEqualTo("mtk repl: line 1: no such property: bar on String" + System.lineSeparator());
        }

        @Test
        void anExpressionCallingAnUnknownMethodSaysWhichWithItsArguments() {
            int code = run(config(null), "= frob(1, 'x')");

            assertThat(code).isEqualTo(1);
            assertThat(err()).isEqualTo("mtk repl: line 1: no such method: frob(Integer, String)" + System.lineSeparator());
        }

        @Test
        void jsonOnThreeLinesIsOneMessage() {
            int code = run(config(address()), "send {", "  \"n\": 42", "}", "expect");

            assertThat(code).as(err()).isZero();
            assertThat(ReplTerminal.count(out(), " -> ")).isEqualTo(1);
            assertThat(out()).contains("#1 -> 19 B (body 8 B) {\"n\":42}", ACK);
        }

        @Test
        void ackTakesTheAcknowledgementSoNothingIsLeftToExpect() {
            int code = run(config(address()), "send {\"n\": 1}", "ack", "expect 200ms");

            assertThat(code).isEqualTo(1);
            assertThat(out()).contains("#1 " + ACK, "#1 " + OK);
            assertThat(err()).isEqualTo("mtk repl: line 3: no frame from #1 " + address() + " within 200 ms"
                    + System.lineSeparator());
        }

        @Test
        void anExpectThatTimesOutExitsOneNamingTheLine() {
            int code = run(config(address()), "expect 200ms");

            assertThat(code).isEqualTo(1);
            assertThat(err()).isEqualTo("mtk repl: line 1: no frame from #1 " + address() + " within 200 ms"
                    + System.lineSeparator());
        }

        @Test
        void theLinesAfterAFailureStillRun() {
            int code = run(config(null), "send {\"n\": 1}", "= 'still here'");

            assertThat(code).isEqualTo(1);
            assertThat(err()).contains("mtk repl: line 1: no session: connect HOST:PORT first");
            assertThat(out()).contains("still here");
        }

        @Test
        void aFailedConnectAtStartExitsOne() throws IOException {
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }

            int code = run(config("127.0.0.1:" + port));

            assertThat(code).isEqualTo(1);
            assertThat(err()).contains("cannot connect to 127.0.0.1:" + port + ": connection refused");
        }

        @Test
        void helpListsEveryCommandAndHelpCommandTellsAboutOne() {
            int code = run(config(null), "help", "help expect");

            assertThat(code).isZero();
            assertThat(out()).contains(Usage.ALL.stream().map(usage -> "  " + usage.synopsis() + "\n").toList())
                    .contains("expect [TIMEOUT] [BODY]\n  wait for the next frame not yet taken");
        }

        @Test
        void aBinaryBodyIsAHexDumpOnTheLinesBelowItsFrame() {
            int code = run(config(address()), "payload bytes", "send 00 ff 10");

            assertThat(code).as(err()).isZero();
            assertThat(out()).contains("#1 -> 14 B (body 3 B)\n"
                    + "00000000  00 ff 10                                          |...|\n");
        }

        @Test
        void binWritesABinaryBodyFieldByField() {
            int code = run(config(address()), "payload bytes", "= send bin { u8 0x80; u16 0x0102 }");

            assertThat(code).as(err()).isZero();
            assertThat(out()).contains("#1 -> 14 B (body 3 B)\n"
                    + "00000000  80 01 02                                          |...|\n");
        }

        @Test
        void quitStopsReading() {
            int code = run(config(null), "quit", "no such command");

            assertThat(code).isZero();
            assertThat(err()).isEmpty();
        }

        @Test
        void aLoadedScriptSharesTheSessionsAndVariables() throws IOException {
            Path script = Files.writeString(dir.resolve("ping.groovy"), String.join("\n",
                    "connect '" + address() + "'",
                    "acks = (1..2).collect { n -> exchange([n: n]).value }",
                    "println \"acks: $acks\""));

            int code = run(config(null), "load " + script, "= acks.size()", "= sessions.size()");

            assertThat(code).as(err()).isZero();
            assertThat(out()).contains("acks: [我收到了, 我收到了]", "#1 -> 18 B (body 7 B) {\"n\":2}").endsWith("2\n1\n");
        }

        @Test
        void aFailingLoadedScriptNamesFileAndLine() throws IOException {
            Path script = Files.writeString(dir.resolve("fails.groovy"), "def x = 1\nassert x == 2 : 'x is one'\n");

            int code = run(config(null), "load " + script);

            assertThat(code).isEqualTo(1);
            assertThat(err()).startsWith("mtk repl: line 1: " + script + ":2: assertion failed: x is one");
        }
    }

    /** Request/reply sessions: pairing by a key, searching expect, header fields. */
    @Nested
    class RequestReply extends Transcript {
        /** A 4-byte length, then a 4-byte request id named opaque, then the body. */
        private static final String OPAQUE = "length-field:width=4,header=8,fields=opaque@4:4";
        private Server replies;

        @AfterEach
        void stopReplies() {
            if (replies != null) {
                replies.close();
            }
        }

        private String serve(Profile profile, dev.mtk.spi.Handler handler) {
            replies = Server.start(ServerConfig.loopback(0, profile), handler);
            return "127.0.0.1:" + replies.port();
        }

        private int run(Registry codecs, String... lines) {
            return run(new ReplConfig(Profile.json(), codecs, FrameLimits.DEFAULT, Duration.ofSeconds(5), null, null,
                    false), lines);
        }

        @Test
        void aCorrelatedSendShowsTheReplyItWasPairedWithAndTakesIt() {
            String address = serve(Profile.reply(), new dev.mtk.session.EchoHandlerProvider().create(dev.mtk.spi.Options.none()));

            int code = run(Registry.builtIn(), "connect " + address + " --profile reply --correlate '$.id'",
                    "send {\"id\": 7, \"op\": \"get\"}", "expect 100ms");

            assertThat(code).isEqualTo(1);
            assertThat(out()).contains("exchange reply, correlate $.id)",
                    "#1 -> 23 B (body 19 B) {\"id\":7,\"op\":\"get\"}",
                    "#1 <- 23 B (body 19 B) (reply to $.id 7) {\"id\":7,\"op\":\"get\"}");
            assertThat(err()).isEqualTo("mtk repl: line 3: no frame from #1 " + address + " within 100 ms"
                    + System.lineSeparator());
        }

        @Test
        void aCorrelationOnTheSeedsExchangeIsRefusedNamingTheOptionAsTheCommandLineDoes() {
            String address = serve(Profile.reply(), new dev.mtk.session.EchoHandlerProvider().create(dev.mtk.spi.Options.none()));

            int code = run(Registry.builtIn(), "connect " + address + " --correlate $.id");

            assertThat(code).isEqualTo(1);
            assertThat(err()).isEqualTo("mtk repl: line 1: --correlate pairs replies with requests, which the seed's "
                    + "exchange does not have: choose the exchange reply (or the profile reply)" + System.lineSeparator());
        }

        @Test
        void correlatedSendsInFlightTogetherEachGetTheirOwnReplyWhenRepliesOvertake() {
            String address = serve(Profile.reply(), OvertakeHandlerProvider.handler());

            int code = run(Registry.builtIn(), "connect " + address + " --profile reply --correlate $.id",
                    "= first = null; t = Thread.start { first = send([id: 1]) }; second = send([id: 2]); t.join()",
                    "= [first.value.id, second.value.id]");

            assertThat(code).as(err()).isZero();
            assertThat(out()).contains("(reply to $.id 1) {\"id\":1}", "(reply to $.id 2) {\"id\":2}")
                    .endsWith("[1, 2]\n");
        }

        @Test
        void expectOnACorrelatedSessionFindsALaterFrameAndLeavesTheEarlierOne() {
            String address = serve(Profile.reply(), (session, message) -> {
                session.reply(java.util.Map.of("id", 2));
                session.reply(java.util.Map.of("id", 1));
            });

            int code = run(Registry.builtIn(), "connect " + address + " --profile reply --correlate $.id",
                    "send {\"op\": \"subscribe\"}", "expect {\"id\": 1}", "= expect().value");

            assertThat(code).as(err()).isZero();
            assertThat(out()).endsWith("[id:2]\n");
        }

        @Test
        void expectWithoutCorrelationTestsTheNextFrameUnlessAskedForAnyOrder() {
            String address = serve(Profile.reply(), OvertakeHandlerProvider.handler());

            int code = run(Registry.builtIn(), "connect " + address + " --profile reply", "send {\"id\": 1}",
                    "send {\"id\": 2}", "= expect(value: [id: 1], anyOrder: true).value", "expect {\"id\": 1}");

            assertThat(code).isEqualTo(1);
            assertThat(out()).contains("[id:1]\n");
            assertThat(err()).isEqualTo("mtk repl: line 5: expected {\"id\":1}, received {\"id\":2}"
                    + System.lineSeparator());
        }

        @Test
        void aFailedExpectOnACorrelatedSessionListsTheWaitingFrames() {
            String address = serve(Profile.reply(), (session, message) -> {
                session.reply(java.util.Map.of("id", 2));
                session.reply(java.util.Map.of("id", 1));
            });

            int code = run(Registry.builtIn(), "connect " + address + " --profile reply --correlate $.id",
                    "send {\"op\": \"subscribe\"}", "expect {\"id\": 1}", "expect 100ms {\"id\": 3}");

            assertThat(code).isEqualTo(1);
            assertThat(err()).isEqualTo("mtk repl: line 4: expected {\"id\":3} from #1 " + address
                    + " within 100 ms (in any order), none matched; waiting (1): {\"id\":2}" + System.lineSeparator());
        }

        @Test
        void headerFieldsAreSetOnSendAndShownOnEveryFrame() {
            Registry codecs = Registry.builtIn();
            String address = serve(Profile.reply().withFraming(codecs.framingSpec(OPAQUE)),
                    OvertakeHandlerProvider.handler());

            int code = run(codecs, "connect " + address + " --profile reply --framing " + OPAQUE + " --correlate header.opaque",
                    "= first = null; t = Thread.start { first = send([n: 1], header: [opaque: 7]) };"
                            + " second = send([n: 2], header: [opaque: 8]); t.join()",
                    "= [first.header.opaque, second.header.opaque]");

            assertThat(code).as(err()).isZero();
            assertThat(out()).contains("-> 15 B (body 7 B) [opaque=7] {\"n\":1}",
                    "<- 15 B (body 7 B) (reply to header.opaque 7) [opaque=7] {\"n\":1}",
                    "<- 15 B (body 7 B) (reply to header.opaque 8) [opaque=8] {\"n\":2}").endsWith("[7, 8]\n");
        }

        @Test
        void theSendCommandTakesHeaderFieldsInBracketsBeforeTheBody() {
            Registry codecs = Registry.builtIn();
            String address = serve(Profile.reply().withFraming(codecs.framingSpec(OPAQUE)),
                    new dev.mtk.session.EchoHandlerProvider().create(dev.mtk.spi.Options.none()));

            int code = run(codecs, "connect " + address + " --profile reply --framing " + OPAQUE + "",
                    "send [opaque=0x10] {\"n\": 1}", "[opaque=17] [1, 2]", "send [1, 2]", "send [opcode=1] {}");

            assertThat(code).isEqualTo(1);
            assertThat(out()).contains("-> 15 B (body 7 B) [opaque=16] {\"n\":1}", "-> 13 B (body 5 B) [opaque=17] [1,2]",
                    "-> 13 B (body 5 B) [1,2]");
            assertThat(err()).isEqualTo("mtk repl: line 5: cannot send: no header field 'opcode' (fields: opaque)"
                    + System.lineSeparator());
        }
    }
}

