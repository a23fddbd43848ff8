package dev.mtk.bench.jmh;

import dev.mtk.testing.EnginePair;
import dev.mtk.testing.TestCertificates;
import dev.mtk.wire.LengthFieldEncoder;
import dev.mtk.wire.LengthFieldFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What TLS itself costs per message: one {@link SSLEngine#wrap} of {@code frames} {@code headers} frames of 64-byte
 * bodies into one record, and the peer's {@link SSLEngine#unwrap} of it, between two JDK engines that shook hands as
 * mtk's server and client do (an EC key, {@code SSLContext.getInstance("TLS")}, so TLS 1.3 and the JDK's first
 * suite, printed at setup). Buffers are reused: this is the cipher's cost and the engine's, not any framework's
 * allocation. Divide by {@code frames} for the cost per message; {@code frames = 1} is a record per message, as a
 * client that writes each request alone sends them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TlsRecordBenchmark {
    @Param({"1", "16", "32"})
    int frames;

    private Path dir;
    private SSLEngine client;
    private SSLEngine server;
    private ByteBuffer plain;
    private ByteBuffer record;
    private ByteBuffer decrypted;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("mtk-tls-jmh");
        EnginePair engines = EnginePair.handshaken(TestCertificates.in(dir));
        client = engines.client();
        server = engines.server();
        System.out.println("\n" + client.getSession().getProtocol() + " " + client.getSession().getCipherSuite());
        byte[] frame = new LengthFieldEncoder(LengthFieldFormat.HEADERS)
                .frame(("{\"p\":\"" + "x".repeat(56) + "\"}").getBytes(StandardCharsets.US_ASCII));
        plain = ByteBuffer.allocate(frame.length * frames);
        for (int i = 0; i < frames; i++) {
            plain.put(frame);
        }
        plain.flip();
        record = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        decrypted = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    /** One record out of the client and into the server: the bytes decrypted, to be consumed. */
    @Benchmark
    public int wrapAndUnwrap() throws SSLException {
        plain.rewind();
        record.clear();
        check(client.wrap(plain, record));
        record.flip();
        decrypted.clear();
        check(server.unwrap(record, decrypted));
        return decrypted.position();
    }

    private static void check(SSLEngineResult result) {
        if (result.getStatus() != SSLEngineResult.Status.OK) {
            throw new IllegalStateException("engine said " + result);
        }
    }
}
