package dev.mtk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtk.payload.BytesPayloadCodec;
import dev.mtk.testing.InProcessMtk;
import dev.mtk.testing.InProcessMtk.Result;
import dev.mtk.testing.LogCapture;
import dev.mtk.testing.Memcached;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * mtk's commands against a real memcached speaking its binary protocol: a server nobody here wrote, so a frame mtk
 * gets wrong is refused by someone who does not share its mistakes. Skipped, saying why, where memcached is not
 * installed ({@link Memcached}).
 */
class MemcachedInteropTest {
    /** SET foo = bar, opaque 1: 24-byte header, 8 bytes of extras (flags, expiry), the key, the value. */
    static final String SET = "80 01 00 03 08 00 00 00 00 00 00 0e 00 00 00 01 00 00 00 00 00 00 00 00"
            + " 00 00 00 00 00 00 00 00 \"foo\" \"bar\"";
    /** GET foo, opaque 2. */
    static final String GET = "80 00 00 03 00 00 00 00 00 00 00 03 00 00 00 02 00 00 00 00 00 00 00 00 \"foo\"";
    /** The hex a bytes body renders as, at the end of a log line, before an ASCII gutter if there is one. */
    private static final Pattern HEX_AT_END = Pattern.compile("((?:[0-9a-f]{2} )*[0-9a-f]{2})(  \\|.*\\|)?$");

    private final LogCapture log = new LogCapture();
    private Memcached memcached;

    @BeforeEach
    void start() {
        memcached = Memcached.start();
    }

    @AfterEach
    void stop() {
        if (memcached != null) {
            memcached.close();
        }
        log.close();
    }

    @Test
    void theClientSetsAKeyAndGetsItsValueBackOverTheBinaryProtocol() throws Exception {
        Result run = InProcessMtk.run("client", memcached.address(), "--framing", "memcached", "--payload", "bytes",
                "-e", SET, "-e", GET);

        assertThat(run.code()).as(run.err()).isZero();
        List<byte[]> replies = log.lines().stream().filter(line -> line.startsWith("client") && line.contains("received"))
                .map(MemcachedInteropTest::body).toList();
        assertThat(replies).hasSize(2);
        byte[] get = replies.get(1);
        assertThat(get[0] & 0xff).as("magic of a response").isEqualTo(0x81);
        assertThat(get[1]).as("opcode GET").isZero();
        assertThat(u16(get, 6)).as("status").isZero();
        int valueAt = 24 + (get[4] & 0xff) + u16(get, 2);
        assertThat(new String(get, valueAt, get.length - valueAt, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("bar");
    }

    @Test
    void benchLoadsItWithRepliesPairedByTheOpaqueField() throws Exception {
        assertThat(InProcessMtk.run("client", memcached.address(), "--framing", "memcached", "--payload", "bytes",
                "-e", SET).code()).isZero();

        // bench writes each request's own opaque into the GET; the replies must come back with it to be paired.
        Result run = InProcessMtk.run("bench", memcached.address(), "--framing", "memcached", "--payload", "bytes",
                "--correlate", "header.opaque", "--body", GET, "-c", "2", "-n", "200", "--pipeline", "8",
                "--expect", "{ it.header.status == 0 && it.bytes.str(28) == 'bar' }", "--json");

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("messages").asLong()).isEqualTo(400);
        assertThat(report.get("errors").asLong()).as(run.out()).isZero();
    }

    /** The body a {@code received} log line shows, as bytes again. */
    private static byte[] body(String line) {
        Matcher hex = HEX_AT_END.matcher(line);
        if (!hex.find()) {
            throw new AssertionError("no hex at the end of: " + line);
        }
        try {
            return new BytesPayloadCodec().parse(hex.group(1));
        } catch (dev.mtk.spi.PayloadException e) {
            throw new AssertionError(e);
        }
    }

    private static int u16(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) << 8 | bytes[offset + 1] & 0xff;
    }
}
