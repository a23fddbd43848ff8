package dev.mtk.bench.jmh;

import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameLimits;
import dev.mtk.wire.LengthFieldEncoder;
import dev.mtk.wire.LengthFieldFormat;
import dev.mtk.wire.SequenceDecoder;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.DefaultTransportMetadata;
import org.apache.mina.core.session.IoSessionConfig;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The {@code headers} framing: decoding a read that holds {@code frames} frames of 64-byte bodies (the pipelined
 * case), from a plain or an auto-expanding buffer, and encoding one frame. Per operation; divide the decode figure by
 * {@code frames} for a frame's cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FramingBenchmark {
    @Param({"1", "32"})
    int frames;

    /**
     * Whether the read comes in an auto-expanding buffer, as the decoder's own buffer is once a read ended inside a
     * frame: the usual case pipelined, where the bytes of a frame split across two reads are kept between them.
     */
    @Param({"false", "true"})
    boolean cumulative;

    private SequenceDecoder decoder;
    private ProtocolCodecSession session;
    private byte[] read;
    private LengthFieldEncoder encoder;
    private byte[] body;

    @Setup
    public void setUp() {
        decoder = SequenceDecoder.builder().frame(LengthFieldFormat.HEADERS, FrameLimits.DEFAULT).build();
        session = new ProtocolCodecSession();
        session.setTransportMetadata(new DefaultTransportMetadata("mtk", "bench", false, true, SocketAddress.class,
                IoSessionConfig.class, Object.class));
        encoder = new LengthFieldEncoder(LengthFieldFormat.HEADERS);
        body = ("{\"p\":\"" + "x".repeat(56) + "\"}").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = encoder.frame(body);
        read = new byte[frame.length * frames];
        for (int i = 0; i < frames; i++) {
            System.arraycopy(frame, 0, read, i * frame.length, frame.length);
        }
    }

    @Benchmark
    public void decode(Blackhole sink) throws Exception {
        decoder.decode(session, IoBuffer.wrap(read).setAutoExpand(cumulative), session.getDecoderOutput());
        var out = session.getDecoderOutputQueue();
        for (Object frame; (frame = out.poll()) != null;) {
            sink.consume(frame);
        }
    }

    @Benchmark
    public byte[] encode() {
        return encoder.frame(body);
    }

    @Benchmark
    public Object frameObject() {
        return new Frame(body);
    }
}
