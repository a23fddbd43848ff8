package dev.mtk.bench.jmh;

import dev.mtk.payload.JsonPayloadCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The JSON payload codec on the seed's 63-byte message: what the server does per message, and the rest. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JsonPayloadBenchmark {
    private final JsonPayloadCodec json = new JsonPayloadCodec();
    private byte[] body;
    private String typed;
    private Map<String, Object> value;

    @Setup
    public void setUp() {
        typed = "{\"ID\":\"i\",\"Name\":\"Joel\",\"Age\":\"53\",\"Programming Language\":\"go\"}";
        body = typed.getBytes(StandardCharsets.UTF_8);
        value = Map.of("ID", "i", "Name", "Joel", "Age", "53");
    }

    /** What the server does with every message in the json profile. */
    @Benchmark
    public byte[] validate() throws Exception {
        json.validate(body);
        return body;
    }

    @Benchmark
    public Object decode() throws Exception {
        return json.decode(body);
    }

    @Benchmark
    public byte[] parseTyped() throws Exception {
        return json.parse(typed);
    }

    @Benchmark
    public byte[] encodeMap() throws Exception {
        return json.encode(value);
    }

    @Benchmark
    public String render() {
        return json.render(body);
    }
}
