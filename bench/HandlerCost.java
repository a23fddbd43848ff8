import dev.mtk.payload.JsonPayloadCodec;
import dev.mtk.script.Scripts;
import dev.mtk.spi.Conversation;
import dev.mtk.spi.Handler;
import dev.mtk.spi.HandlerProvider;
import dev.mtk.spi.Options;
import dev.mtk.spi.PayloadException;
import dev.mtk.spi.Received;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a handler costs per message in processor time, without the network: the {@code kv} handler plugin against
 * behaviour scripts doing the same work, each given the same {@code get} of a stored key on one thread, the server's
 * validation and the reply's encoding included, and timed by the thread's own CPU clock. Rounds alternate the
 * handlers, so that a busy machine (other processes, the JIT) weighs on all of them alike; the thread's CPU clock
 * does not count the time others take from it, which a rate measured on a shared 2-core machine does.
 *
 * <pre>
 * d=dist/target/mtk-*; java -cp "$d/lib/*:$d/plugins/*" -Dlogback.configurationFile=$d/conf/logback.xml \
 *   bench/HandlerCost.java scripts/kv-server.groovy [MORE.groovy...]        # -Drounds=6 -Dmessages=300000
 * </pre>
 */
public final class HandlerCost {
    private static final JsonPayloadCodec JSON = new JsonPayloadCodec();
    private static final byte[] PUT = "{\"op\":\"put\",\"key\":\"a\",\"value\":{\"n\":1}}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] GET = "{\"op\":\"get\",\"key\":\"a\"}".getBytes(StandardCharsets.UTF_8);
    /** Bytes encoded, read at the end so that the JIT cannot drop the encoding. */
    private static long encoded;

    /** A session with nobody behind it: replies are encoded, as the server does, and dropped. */
    private static final class Session implements Conversation {
        private final Map<String, Object> state = new ConcurrentHashMap<>();

        public long id() { return 1; }
        public String peer() { return "127.0.0.1:1"; }
        public Map<String, Object> state() { return state; }
        public Map<String, Object> shared() { return Map.of(); }
        public int reply(Object value) throws PayloadException {
            int size = JSON.encode(value).length;
            encoded += size;
            return size;
        }
        public void replyLater(Duration delay, Object value) { throw new UnsupportedOperationException(); }
        public boolean isOpen() { return true; }
        public void close() { throw new IllegalStateException("closed"); }
        public void close(String reason) { throw new IllegalStateException(reason); }
        public int idleSeconds() { return 0; }
        public void log(String line) { }
    }

    /** A received body, decoded when the handler asks, as the server's messages are. */
    private record Message(byte[] body) implements Received {
        public Object value() throws PayloadException { return JSON.decode(body); }
        public String text() { return new String(body, StandardCharsets.UTF_8); }
        public boolean framed() { return true; }
        public int wireSize() { return body.length + 4; }
        public String render() { return text(); }
    }

    public static void main(String[] args) throws Exception {
        Map<String, Handler> handlers = new LinkedHashMap<>();
        for (HandlerProvider provider : ServiceLoader.load(HandlerProvider.class)) {
            if (provider.name().equals("kv")) {
                handlers.put("kv (compiled)", provider.create(Options.none()));
            }
        }
        for (String script : args) {
            handlers.put(script, Scripts.loadBehaviour(Path.of(script)));
        }
        int messages = Integer.getInteger("messages", 300_000);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (Handler handler : handlers.values()) {
            handler.onMessage(new Session(), new Message(PUT));
        }
        for (int round = 1; round <= Integer.getInteger("rounds", 6); round++) {
            StringBuilder line = new StringBuilder("round " + round + ", ns per message:");
            for (Map.Entry<String, Handler> entry : handlers.entrySet()) {
                Session session = new Session();
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < messages; i++) {
                    JSON.validate(GET);
                    entry.getValue().onMessage(session, new Message(GET));
                }
                long spent = threads.getCurrentThreadCpuTime() - start;
                line.append(String.format("  %s %,.0f", entry.getKey(), spent / (double) messages));
            }
            System.out.println(line);
        }
        System.out.println("(" + encoded + " bytes encoded)");
    }
}
