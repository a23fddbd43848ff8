package dev.mtk.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mtk.plugin.Registry;
import dev.mtk.testing.RawServer;
import dev.mtk.testing.ScriptFiles;
import dev.mtk.wire.LengthFieldEncoder;
import dev.mtk.wire.LengthFieldFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each fault-injection verb, from a script, reaches a raw socket server as exactly the bytes intended. */
class FaultVerbsTest {
    private static final byte[] FRAME = new LengthFieldEncoder(LengthFieldFormat.HEADERS).frame(utf8("{\"n\":1}"));

    @TempDir
    Path dir;
    private final RawServer server = new RawServer();

    FaultVerbsTest() throws java.io.IOException {
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Runs a scenario whose client {@code c} is connected to the raw server, and returns that connection. */
    private RawServer.Peer run(String... lines) throws Exception {
        String[] script = new String[lines.length + 1];
        script[0] = "def c = connect(port: args[0])";
        System.arraycopy(lines, 0, script, 1, lines.length);
        Scripts.runScenario(ScriptFiles.write(dir, "faults.groovy", script), List.of(String.valueOf(server.port())),
                Registry.builtIn());
        return server.accept();
    }

    @Test
    void sendSplitSendsTheFrameInPiecesWithThePausesBetween() throws Exception {
        long started = System.nanoTime();
        RawServer.Peer peer = run("c.sendSplit([n: 1], [3, 7], 150)");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(peer.readToEnd()).isEqualTo(FRAME);
    }

    @Test
    void dripSendsTheFrameOneByteAtATime() throws Exception {
        long started = System.nanoTime();
        RawServer.Peer peer = run("c.drip([n: 1], 10)");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(10L * (FRAME.length - 1)));
        assertThat(peer.readToEnd()).isEqualTo(FRAME);
    }

    @Test
    void sendWithLengthWritesTheLengthItIsGiven() throws Exception {
        RawServer.Peer peer = run("c.sendWithLength([n: 1], 100)", "c.sendWithLength([n: 1], -1)");

        byte[] body = utf8("{\"n\":1}");
        assertThat(peer.readToEnd()).isEqualTo(concat(utf8("Headers"), new byte[] {0, 0, 0, 100}, body,
                utf8("Headers"), new byte[] {-1, -1, -1, -1}, body));
    }

    @Test
    void sendOversizeWritesTheLargestLengthTheFieldHolds() throws Exception {
        RawServer.Peer peer = run("c.sendOversize('[]')");

        assertThat(peer.readToEnd()).isEqualTo(concat(utf8("Headers"), new byte[] {0x7f, -1, -1, -1}, utf8("[]")));
    }

    @Test
    void sendGarbagePutsBytesBeforeTheMagic() throws Exception {
        RawServer.Peer peer = run("c.sendGarbage('junk', [n: 1])", "c.sendGarbage([0, 1, 0xff])");

        assertThat(peer.readToEnd()).isEqualTo(concat(utf8("junk"), FRAME, new byte[] {0, 1, -1}));
    }

    @Test
    void sendHalfSendsTheFirstHalfOfTheFrameAndCloseHalfwayThenCloses() throws Exception {
        RawServer.Peer peer = run("c.sendHalf([n: 1])", "c.closeHalfway([n: 1])", "assert !c.open");

        byte[] half = Arrays.copyOf(FRAME, FRAME.length / 2);
        assertThat(peer.readToEnd()).isEqualTo(concat(half, half));
    }

    @Test
    void sendRawSendsBytesAsGiven() throws Exception {
        RawServer.Peer peer = run("c.sendRaw('Headers'.bytes)", "c.sendRaw([0, 0, 0, 2])", "c.sendRaw('ok')");

        assertThat(peer.readToEnd()).isEqualTo(concat(utf8("Headers"), new byte[] {0, 0, 0, 2}, utf8("ok")));
    }

    @Test
    void splitOffsetsOutsideTheFrameFailNamingThem() throws Exception {
        ScriptError error = catchThrowableOfType(ScriptError.class, () -> run("c.sendSplit([n: 1], [5, 3], 0)"));

        assertThat(error.getMessage()).endsWith("faults.groovy:2: split offsets must be increasing and inside the 18 bytes "
                + "(1 to 17): [5, 3]");
    }
}
