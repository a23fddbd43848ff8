package dev.mtk.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mtk.plugin.Registry;
import dev.mtk.testing.LogCapture;
import dev.mtk.testing.ScriptFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptClientTest {
    /** A 4-byte length, then a 4-byte request id named opaque, then the body: header fields both ways. */
    private static final String OPAQUE = "length-field:width=4,header=8,fields=opaque@4:4";
    private static final String ECHO_SERVER = "def srv = server(port: 0) { onMessage { msg -> reply(msg.body) } }";
    /** Holds each odd request until the next comes, then answers both, the later first: replies overtake. */
    private static final String REVERSING_SERVER = "def srv = server(port: 0, profile: 'reply') { onMessage { msg ->"
            + " if (session.state.held == null) { session.state.held = msg.value; return };"
            + " reply(msg.value); reply(session.state.remove('held')) } }";

    @TempDir
    Path dir;
    private final LogCapture log = new LogCapture();

    @AfterEach
    void stopCapture() {
        log.close();
    }

    private void run(String... lines) throws ScriptError {
        Scripts.runScenario(ScriptFiles.write(dir, "scenario.groovy", lines), List.of(), Registry.builtIn());
    }

    @Test
    void aGStringInsideASentMapGoesOutAsItsText() {
        assertThatCode(() -> run(ECHO_SERVER,
                "def c = connect(port: srv.port)",
                "def name = 'Joel'",
                "c.send([greeting: \"hi $name\", tags: [\"${name}!\"]])",
                "assert c.receive().text == '{\"greeting\":\"hi Joel\",\"tags\":[\"Joel!\"]}'"))
                .doesNotThrowAnyException();
    }

    @Test
    void aMessagesHeaderFieldsAreReadByName() {
        assertThatCode(() -> run("def srv = server(port: 0, framing: 'memcached', payload: 'bytes') {",
                "  onMessage { msg -> reply(msg.body) } }",
                "def c = connect(port: srv.port, framing: 'memcached', payload: 'bytes')",
                "def r = c.request('80 0a 0000 00 00 0000 00000000 00000005 0000000000000000')",
                "assert r.header.opcode == 10",
                "assert r.header.opaque == 5"))
                .doesNotThrowAnyException();
    }

    @Test
    void expectValueMatchesAsTheScriptsEqualsWould() {
        assertThatCode(() -> run(ECHO_SERVER,
                "def c = connect(port: srv.port)",
                "def name = 'Joel'",
                "c.send('{\"name\":\"Joel\",\"price\":1.5,\"tags\":[\"go\"]}')",
                "c.expect(value: [name: \"$name\", price: 1.5, tags: [\"${'go'}\"]])"))
                .doesNotThrowAnyException();
    }

    @Test
    void replyToTakesTheReplyWithTheSentIdWhicheverCameFirst() {
        assertThatCode(() -> run("def srv = server(port: 0, profile: 'reply') { onMessage { msg -> reply(msg.body) } }",
                "def c = connect(port: srv.port, profile: 'reply', correlate: '$.id')",
                "def first = c.send([id: 1])",
                "def second = c.send([id: 2])",
                "assert c.replyTo(second).value == [id: 2]",
                "c.replyTo(first, value: [id: 1])",
                "c.request([id: 3], value: [id: 3])"))
                .doesNotThrowAnyException();
    }

    @Test
    void replyToWithAValueThatDiffersSaysWhatCame() {
        ScriptError error = catchThrowableOfType(ScriptError.class, () -> run(
                "def srv = server(port: 0, profile: 'reply') { onMessage { msg -> reply(msg.body) } }",
                "def c = connect(port: srv.port, profile: 'reply', correlate: '$.id')",
                "c.replyTo(c.send([id: 1, n: 2]), value: [id: 1, n: 1])"));

        assertThat(error.getMessage()).isEqualTo(dir.resolve("scenario.groovy") + ":3: expected {\"id\":1,\"n\":1}, "
                + "received {\"id\":1,\"n\":2}");
    }

    @Test
    void expectWithAConditionThatIsFalseFails() {
        ScriptError error = catchThrowableOfType(ScriptError.class, () -> run(ECHO_SERVER,
                "def c = connect(port: srv.port)",
                "c.send([n: 2])",
                "c.expect { it.value.n == 1 }"));

        assertThat(error.getMessage()).isEqualTo(dir.resolve("scenario.groovy") + ":4: expected a message matching the "
                + "condition, received {\"n\":2}");
    }

    @Test
    void expectWithAConditionThatIsTrueAsGroovyTruthPasses() {
        assertThatCode(() -> run(ECHO_SERVER,
                "def c = connect(port: srv.port)",
                "c.send([n: 2])",
                "c.expect { it.value.n }"))
                .doesNotThrowAnyException();
    }

    @Test
    void expectValueShowsTheExpectedValueAsTheReceivedOneIsShown() {
        ScriptError error = catchThrowableOfType(ScriptError.class, () -> run(ECHO_SERVER,
                "def c = connect(port: srv.port)",
                "c.send([n: 2])",
                "c.expect(value: [n: 1])"));

        assertThat(error.getMessage()).isEqualTo(dir.resolve("scenario.groovy") + ":4: expected {\"n\":1}, received {\"n\":2}");
        assertThat(error.exitCode()).isEqualTo(ScriptError.FAILED);
    }

    @Test
    void requestPairsEachReplyWithItsRequestWhenRepliesOvertakeEachOther() {
        assertThatCode(() -> run(REVERSING_SERVER,
                "def c = connect(port: srv.port, profile: 'reply', correlate: '$.id')",
                "def replies = new java.util.concurrent.ConcurrentHashMap()",
                "parallel(2) { i -> replies[i] = c.request([id: i, n: i * 10]).value }",
                "assert replies == [0: [id: 0, n: 0], 1: [id: 1, n: 10]]"))
                .doesNotThrowAnyException();
    }

    @Test
    void requestWithATimeoutAfterAMapStillSendsTheMap() {
        assertThatCode(() -> run(ECHO_SERVER,
                "def c = connect(port: srv.port)",
                "assert c.request([id: 1], 2000).value == [id: 1]"))
                .doesNotThrowAnyException();
    }

    @Test
    void aRequestWithoutAReplyNamesTheRequestAndItsKey() {
        ScriptError error = catchThrowableOfType(ScriptError.class, () -> run(REVERSING_SERVER,
                "def c = connect(port: srv.port, profile: 'reply', correlate: '$.id')",
                "c.request([id: 1], timeout: 100)"));

        assertThat(error.getMessage()).matches(".*:3: expected the reply to \\{\"id\":1\\} with \\$\\.id 1 from "
                + "127\\.0\\.0\\.1:\\d+ within 100 ms, received nothing");
    }

    @Test
    void aReplyToWithoutAReplyNamesTheKeyItWaitedFor() {
        ScriptError error = catchThrowableOfType(ScriptError.class, () -> run(REVERSING_SERVER,
                "def c = connect(port: srv.port, profile: 'reply', correlate: '$.id')",
                "def a = c.send([id: 1])",
                "c.replyTo(a, timeout: 100)"));

        assertThat(error.getMessage()).matches(".*:4: expected the reply with \\$\\.id 1 from 127\\.0\\.0\\.1:\\d+ "
                + "within 100 ms, received nothing");
    }

    @Test
    void expectOnACorrelatedConnectionFindsALaterMessageAndLeavesTheEarlierOne() {
        assertThatCode(() -> run(REVERSING_SERVER,
                "def c = connect(port: srv.port, profile: 'reply', correlate: '$.id')",
                "c.send([id: 1])",
                "c.send([id: 2])",
                "assert c.expect(value: [id: 1]).value == [id: 1]",
                "assert c.receive().value == [id: 2]"))
                .doesNotThrowAnyException();
    }

    @Test
    void expectAnyOrderSearchesAnUncorrelatedConnectionToo() {
        assertThatCode(() -> run(REVERSING_SERVER,
                "def c = connect(port: srv.port, profile: 'reply')",
                "c.send([id: 1])",
                "c.send([id: 2])",
                "assert c.expect(anyOrder: true) { it.value.id == 1 }.value == [id: 1]"))
                .doesNotThrowAnyException();
    }

    @Test
    void expectWithoutAnyOrderTestsOnlyTheNextMessageOfAnUncorrelatedConnection() {
        ScriptError error = catchThrowableOfType(ScriptError.class, () -> run(REVERSING_SERVER,
                "def c = connect(port: srv.port, profile: 'reply')",
                "c.send([id: 1])",
                "c.send([id: 2])",
                "c.expect(value: [id: 1])"));

        assertThat(error.getMessage()).endsWith(":5: expected {\"id\":1}, received {\"id\":2}");
    }

    @Test
    void aFailedSearchListsWhatWasWaitingInTheInbox() {
        ScriptError error = catchThrowableOfType(ScriptError.class, () -> run(REVERSING_SERVER,
                "def c = connect(port: srv.port, profile: 'reply', correlate: '$.id')",
                "c.send([id: 1])",
                "c.send([id: 2])",
                "c.expect(value: [id: 1])",
                "c.expect(value: [id: 3], timeout: 100)"));

        assertThat(error.getMessage()).matches(".*:6: expected \\{\"id\":3\\} from 127\\.0\\.0\\.1:\\d+ within 100 ms "
                + "\\(in any order\\), none matched; waiting \\(1\\): \\{\"id\":2\\}");
    }

    @Test
    void aFailedSearchShowsAtMostFiveWaitingMessagesEachOnAShortLine() {
        ScriptError error = catchThrowableOfType(ScriptError.class, () -> run(ECHO_SERVER,
                "def c = connect(port: srv.port)",
                "(1..7).each { c.send([id: it, pad: 'x' * 300]) }",
                "c.expect(anyOrder: true) { it.value.id == 7 }",
                "c.expect(anyOrder: true, timeout: 100) { it.value.id == 8 }"));

        assertThat(error.getMessage()).contains("none matched; waiting (6): {\"id\":1,").endsWith(", ...")
                .doesNotContain("{\"id\":6,").hasSizeLessThan(1200);
    }

    @Test
    void aConditionThatThrowsOnEveryWaitingMessageIsNamedInTheFailure() {
        ScriptError error = catchThrowableOfType(ScriptError.class, () -> run(ECHO_SERVER,
                "def c = connect(port: srv.port)",
                "c.send([id: 1])",
                "c.expect(anyOrder: true, timeout: 100) { it.value.id.frob() }"));

        assertThat(error.getMessage()).contains("none matched; waiting (1): {\"id\":1}; the condition failed on "
                + "{\"id\":1}: ");
    }

    @Test
    void expectRefusesAnOptionItDoesNotTake() {
        ScriptError error = catchThrowableOfType(ScriptError.class, () -> run(ECHO_SERVER,
                "def c = connect(port: srv.port)",
                "c.expect(vlaue: [id: 1])"));

        assertThat(error.getMessage()).endsWith(":3: expect takes value:, text:, timeout:, anyOrder: and a condition "
                + "{ ... }, not vlaue:");
    }

    @Test
    void anOkBodyIsARequestLikeAnyOtherUnderTheReplyExchange() {
        assertThatCode(() -> run(
                "def srv = server(port: 0, exchange: 'reply') { onMessage { msg -> reply([got: msg.value]) } }",
                "def c = connect(port: srv.port, exchange: 'reply')",
                "assert c.request('\"ok\"').value == [got: 'ok']"))
                .doesNotThrowAnyException();
    }

    @Test
    void aServerWithoutBehaviourEchoesUnderTheReplyExchange() {
        assertThatCode(() -> run(
                "def srv = server(port: 0, profile: 'reply')",
                "def c = connect(port: srv.port, profile: 'reply')",
                "assert c.request([n: 1]).value == [n: 1]"))
                .doesNotThrowAnyException();
    }

    @Test
    void sendSetsHeaderFieldsThatTheServerReads() {
        assertThatCode(() -> run(
                "def srv = server(port: 0, framing: '" + OPAQUE + "', exchange: 'reply') { onMessage { msg ->",
                "    reply([opaque: msg.header.opaque]) } }",
                "def c = connect(port: srv.port, framing: '" + OPAQUE + "', exchange: 'reply')",
                "c.send([n: 1], header: [opaque: 0xfffffffe])",
                "assert c.receive().value == [opaque: 4294967294]"))
                .doesNotThrowAnyException();
    }

    @Test
    void aReceivedMessagePrintsItsHeaderFieldsBeforeItsBody() {
        ScriptError error = catchThrowableOfType(ScriptError.class, () -> run(
                "def srv = server(port: 0, framing: '" + OPAQUE + "', exchange: 'reply') { onMessage { msg ->",
                "    reply([n: 2], header: [opaque: 5]) } }",
                "def c = connect(port: srv.port, framing: '" + OPAQUE + "', exchange: 'reply')",
                "c.send([n: 1])",
                "c.expect(value: [n: 1])"));

        assertThat(error.getMessage()).endsWith(":5: expected {\"n\":1}, received [opaque=5] {\"n\":2}");
    }

    @Test
    void sendNamingAFieldTheFramingDoesNotHaveFailsInOneLine() {
        ScriptError error = catchThrowableOfType(ScriptError.class, () -> run(
                "def srv = server(port: 0, framing: '" + OPAQUE + "', exchange: 'reply')",
                "def c = connect(port: srv.port, framing: '" + OPAQUE + "', exchange: 'reply')",
                "c.send([n: 1], header: [opcode: 1])"));

        assertThat(error.getMessage()).endsWith(":3: cannot send: no header field 'opcode' (fields: opaque)");
    }

    @Test
    void requestWithAValueTooBigForItsFieldFailsInOneLine() {
        ScriptError error = catchThrowableOfType(ScriptError.class, () -> run(
                "def srv = server(port: 0, framing: '" + OPAQUE + "', exchange: 'reply')",
                "def c = connect(port: srv.port, framing: '" + OPAQUE + "', exchange: 'reply')",
                "c.request([n: 1], header: [opaque: -1])"));

        assertThat(error.getMessage()).endsWith(":3: cannot send: header field opaque: -1 does not fit 4 bytes");
    }

    @Test
    void headerFieldsOnAFramingThatNamesNoneFailInOneLine() {
        ScriptError error = catchThrowableOfType(ScriptError.class, () -> run(ECHO_SERVER,
                "def c = connect(port: srv.port)",
                "c.send([n: 1], header: [opaque: 1])"));

        assertThat(error.getMessage()).endsWith(":3: cannot send: no header field 'opaque' (the framing names none)");
    }

    @Test
    void requestPairsByAHeaderFieldWhenRepliesOvertakeEachOther() {
        assertThatCode(() -> run(
                "def srv = server(port: 0, framing: '" + OPAQUE + "', exchange: 'reply') { onMessage { msg ->",
                "    if (session.state.held == null) { session.state.held = msg; return }",
                "    def held = session.state.remove('held')",
                "    reply(msg.value, header: [opaque: msg.header.opaque])",
                "    reply(held.value, header: [opaque: held.header.opaque]) } }",
                "def c = connect(port: srv.port, framing: '" + OPAQUE + "', exchange: 'reply', correlate: 'header.opaque')",
                "def replies = new java.util.concurrent.ConcurrentHashMap()",
                "parallel(2) { i -> replies[i] = c.request([n: i], header: [opaque: 100 + i]).value }",
                "assert replies == [0: [n: 0], 1: [n: 1]]"))
                .doesNotThrowAnyException();
    }
}
