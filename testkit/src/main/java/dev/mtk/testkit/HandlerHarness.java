package dev.mtk.testkit;

import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameException;
import dev.mtk.spi.Framing;
import dev.mtk.spi.Handler;
import dev.mtk.spi.PayloadCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a {@link Handler} as mtk's server would, with no network: sessions open and close, messages go in encoded by a
 * {@link PayloadCodec} (and framed by a {@link Framing}, when one is given, so that header fields travel), and the
 * replies the handler made come back as {@link Reply}s.
 *
 * <p>As on the server, one handler serves every session of the harness; each session has its own
 * {@link dev.mtk.spi.Conversation#state() state}, and all share the harness's {@link #shared()}. A callback that
 * throws (anything, an {@link AssertionError} included) goes to the handler's {@code onError}, whose default closes
 * the session. Received bodies are validated by the payload codec first; an invalid one closes the session with the
 * codec's message. Delayed replies ({@code replyLater}) wait for {@link #advance(Duration)} on a manual clock.
 *
 * <pre>{@code
 * HandlerHarness harness = HandlerHarness.builder(new KvHandler()).payload(json).build();
 * HarnessSession session = harness.open();
 *
 * session.send(Map.of("op", "put", "key", "a", "value", 1));
 * List<Reply> replies = session.send(Map.of("op", "get", "key", "a"));
 * assertEquals(Map.of("ok", true, "value", 1), replies.get(0).value());
 *
 * harness.advance(Duration.ofSeconds(2));   // releases what the handler sent with replyLater
 * session.idle();                           // the handler's onIdle
 * assertFalse(session.isOpen());
 * assertEquals("idle for 30 s", session.closeReason());
 * }</pre>
 *
 * <p>Everything runs on the calling thread. Build a harness per test.
 *
 * @since 1.0
 */
public final class HandlerHarness {
    private final Handler handler;
    private final PayloadCodec payload;
    private final FramingHarness framing;
    private final int idleSeconds;
    private final Map<String, Object> shared = new ConcurrentHashMap<>();
    private final ManualClock clock = new ManualClock();
    private final List<HarnessSession> sessions = Collections.synchronizedList(new ArrayList<>());

    private HandlerHarness(Builder builder) {
        this.handler = builder.handler;
        this.payload = builder.payload;
        this.framing = builder.framing == null ? null : FramingHarness.of(builder.framing);
        this.idleSeconds = builder.idleSeconds;
    }

    /** A builder of a harness that runs {@code handler}; it needs a payload codec. */
    public static Builder builder(Handler handler) {
        return new Builder(Objects.requireNonNull(handler, "handler"));
    }

    /** A client connects: a new session, whose {@code onOpen} has run when this returns. */
    public HarnessSession open() {
        HarnessSession session = new HarnessSession(this, sessions.size() + 1L);
        sessions.add(session);
        session.opened();
        return session;
    }

    /** The state every session of this harness shares ({@link dev.mtk.spi.Conversation#shared()}). */
    public Map<String, Object> shared() {
        return shared;
    }

    /** The sessions opened so far, in order, open or closed. */
    public List<HarnessSession> sessions() {
        return List.copyOf(sessions);
    }

    /**
     * Advances the harness's clock by {@code by}: each delayed reply that falls due is sent then, in the order they
     * fall due, unless its session closed by then.
     *
     * @throws IllegalArgumentException for a negative duration
     */
    public void advance(Duration by) {
        clock.advance(Objects.requireNonNull(by, "by"));
    }

    /** How far the clock has been advanced since the harness was built. */
    public Duration elapsed() {
        return clock.elapsed();
    }

    Handler handler() {
        return handler;
    }

    PayloadCodec payload() {
        return payload;
    }

    int idleSeconds() {
        return idleSeconds;
    }

    ManualClock clock() {
        return clock;
    }

    /**
     * {@code body} as its peer reads it: framed with {@code header} set, through the framing's encoder and back
     * through its decoder. Without a framing, the body as it is, with no fields.
     *
     * @throws IllegalArgumentException for header fields the framing does not name or values that do not fit, or
     *                                  when there is no framing to carry them
     */
    Transit transit(byte[] body, Map<String, ?> header) {
        if (framing == null) {
            if (!header.isEmpty()) {
                throw new IllegalArgumentException("the harness has no framing, so it cannot set header fields ("
                        + String.join(", ", header.keySet()) + "): give one with builder(handler).framing(...)");
            }
            return new Transit(body, Map.of(), body.length);
        }
        Framing configured = framing.framing();
        byte[] wire = framing.encode(configured.frame(body, header));
        Frame decoded;
        try {
            decoded = framing.decodeOne(wire);
        } catch (FrameException e) {
            throw new AssertionError("the framing's decoder refuses what its encoder wrote (" + Outcome.hex(wire)
                    + "): " + e.getMessage(), e);
        }
        return new Transit(decoded.body(), configured.fields().read(decoded), decoded.wireSize());
    }

    /**
     * Builds a {@link HandlerHarness}: a payload codec is required; a framing (for header fields and real wire
     * sizes) and an idle time are optional.
     *
     * @since 1.0
     */
    public static final class Builder {
        private final Handler handler;
        private PayloadCodec payload;
        private Framing framing;
        private int idleSeconds;

        private Builder(Handler handler) {
            this.handler = handler;
        }

        /** The codec that encodes what sessions send and replies, and decodes what the handler receives. */
        public Builder payload(PayloadCodec codec) {
            this.payload = Objects.requireNonNull(codec, "payload");
            return this;
        }

        /**
         * The framing messages and replies cross, both ways, as on a connection: header fields are set and read
         * through it, and wire sizes are its. Without one, a message is its body alone.
         */
        public Builder framing(Framing framing) {
            this.framing = Objects.requireNonNull(framing, "framing");
            return this;
        }

        /** The server's idle time that {@link dev.mtk.spi.Conversation#idleSeconds()} tells; 0 (never) by default. */
        public Builder idleSeconds(int seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException("idleSeconds must not be negative: " + seconds);
            }
            this.idleSeconds = seconds;
            return this;
        }

        /**
         * The harness.
         *
         * @throws IllegalStateException when no payload codec was given
         */
        public HandlerHarness build() {
            if (payload == null) {
                throw new IllegalStateException("a payload codec is required: HandlerHarness.builder(handler)"
                        + ".payload(codec)");
            }
            return new HandlerHarness(this);
        }
    }
}
