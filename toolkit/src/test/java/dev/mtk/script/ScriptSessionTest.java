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

class ScriptSessionTest {
    /** A 4-byte length, then a 4-byte request id named opaque, then the body: header fields both ways. */
    private static final String OPAQUE = "length-field:width=4,header=8,fields=opaque@4:4";
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
    void aGStringInsideARepliedMapGoesOutAsItsText() {
        assertThatCode(() -> run(
                "def srv = server(port: 0) { onMessage { msg -> reply([error: \"no such key: ${msg['key']}\"]) } }",
                "def c = connect(port: srv.port)",
                "c.send([key: 'k'])",
                "assert c.receive().text == '{\"error\":\"no such key: k\"}'"))
                .doesNotThrowAnyException();
    }

    @Test
    void aGStringInsideADelayedReplyGoesOutAsItsText() {
        assertThatCode(() -> run(
                "def srv = server(port: 0) { onMessage { msg -> replyLater(1, [late: [\"${msg['n'] + 1}\"]]) } }",
                "def c = connect(port: srv.port)",
                "c.send([n: 1])",
                "assert c.receive().text == '{\"late\":[\"2\"]}'"))
                .doesNotThrowAnyException();
    }

    @Test
    void aReplySetsTheHeaderFieldsItIsGiven() {
        assertThatCode(() -> run(
                "def srv = server(port: 0, framing: '" + OPAQUE + "', exchange: 'reply') { onMessage { msg ->",
                "    reply([seen: msg.header.opaque], header: [opaque: msg.header.opaque + 1]) } }",
                "def c = connect(port: srv.port, framing: '" + OPAQUE + "', exchange: 'reply')",
                "def answer = c.request([n: 1], header: [opaque: 41])",
                "assert answer.header == [opaque: 42]",
                "assert answer.value == [seen: 41]"))
                .doesNotThrowAnyException();
    }

    @Test
    void aDelayedReplySetsTheHeaderFieldsItIsGiven() {
        assertThatCode(() -> run(
                "def srv = server(port: 0, framing: '" + OPAQUE + "', exchange: 'reply') { onMessage { msg ->",
                "    replyLater(1, [late: true], header: [opaque: msg.header.opaque]) } }",
                "def c = connect(port: srv.port, framing: '" + OPAQUE + "', exchange: 'reply')",
                "assert c.request([n: 1], header: [opaque: 7]).header.opaque == 7"))
                .doesNotThrowAnyException();
    }

    @Test
    void delayedRepliesByHeaderFieldOvertakeEachOtherAndStillPair() {
        assertThatCode(() -> run(
                "def srv = server(port: 0, framing: '" + OPAQUE + "', exchange: 'reply') { onMessage { msg ->",
                "    replyLater(msg.value.wait, msg.value, header: [opaque: msg.header.opaque]) } }",
                "def c = connect(port: srv.port, framing: '" + OPAQUE + "', exchange: 'reply', correlate: 'header.opaque')",
                "def replies = new java.util.concurrent.ConcurrentHashMap()",
                "parallel(2) { i -> replies[i] = c.request([wait: i == 0 ? 200 : 1], header: [opaque: 10 + i]) }",
                "assert replies[0].header.opaque == 10 && replies[0].value.wait == 200",
                "assert replies[1].header.opaque == 11 && replies[1].value.wait == 1"))
                .doesNotThrowAnyException();
    }

    @Test
    void aReplyNamingAFieldTheFramingDoesNotHaveFailsTheCallbackInOneLine() {
        ScriptError error = catchThrowableOfType(ScriptError.class, () -> run(
                "def srv = server(port: 0, framing: '" + OPAQUE + "', exchange: 'reply') { onMessage { msg ->",
                "    reply([n: 1], header: [opcode: 1]) } }",
                "def c = connect(port: srv.port, framing: '" + OPAQUE + "', exchange: 'reply')",
                "c.request([n: 1], 2000)"));

        assertThat(error).isNotNull();
        log.awaitContaining("server", "scenario.groovy:2: cannot reply: no header field 'opcode' (fields: opaque)");
    }

    @Test
    void aDelayedReplyWithAValueTooBigForItsFieldFailsAtOnceNotLater() {
        catchThrowableOfType(ScriptError.class, () -> run(
                "def srv = server(port: 0, framing: '" + OPAQUE + "', exchange: 'reply') { onMessage { msg ->",
                "    replyLater(1, [n: 1], header: [opaque: 1L << 32]) } }",
                "def c = connect(port: srv.port, framing: '" + OPAQUE + "', exchange: 'reply')",
                "c.request([n: 1], 2000)"));

        log.awaitContaining("server", "scenario.groovy:2: cannot reply: header field opaque: 4294967296 does not fit 4 bytes");
    }

    @Test
    void replyRefusesAnOptionOtherThanHeader() {
        catchThrowableOfType(ScriptError.class, () -> run(
                "def srv = server(port: 0, exchange: 'reply') { onMessage { msg -> reply([n: 1], heder: [opaque: 1]) } }",
                "def c = connect(port: srv.port, exchange: 'reply')",
                "c.request([n: 1], 2000)"));

        log.awaitContaining("server", "scenario.groovy:1: reply takes header: as named options, not heder:");
    }
}
