package dev.mtk.embed;

import dev.mtk.session.Client;
import dev.mtk.session.ClientConfig;
import dev.mtk.session.ClientSession;
import dev.mtk.session.Message;
import dev.mtk.session.Profile;
import dev.mtk.session.ReceiveTimeoutException;
import dev.mtk.session.Sent;
import dev.mtk.session.SessionClosedException;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.PayloadException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;

/**
 * One client session to an mtk server (or any server speaking the profile), with the calls scripts have: send,
 * request, expect, receive, close.
 *
 * <pre>{@code
 * try (MtkClient client = MtkClient.builder().port(server.port()).profile("reply").connect()) {
 *     Message reply = client.request(Map.of("op", "get", "key", "a"));
 *     client.send(Map.of("op", "put", "key", "a"));
 *     client.expect(Map.of("ok", true));
 * }
 * }</pre>
 *
 * <p>Waits take the builder's timeout (5 s by default) unless given one. A value the payload codec refuses is an
 * {@link IllegalArgumentException} naming why; a reply that does not come, or is not what {@code expect} was told,
 * an {@link AssertionError} saying what was expected and what came, so that it reads as a test failure.
 */
public final class MtkClient implements AutoCloseable {
    private final Client client;
    private final ClientSession session;
    private final Duration timeout;

    private MtkClient(Client client, ClientSession session, Duration timeout) {
        this.client = client;
        this.session = session;
        this.timeout = timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The session underneath, for what this class does not offer (raw bytes, the seed's exchange, listeners). */
    public ClientSession session() {
        return session;
    }

    /** Sends {@code value} encoded by the profile's payload codec (maps and lists for JSON, text, bytes). */
    public Sent send(Object value) {
        return send(value, Map.of());
    }

    /** Sends {@code value} in a frame whose named header fields are set to {@code header}. */
    public Sent send(Object value, Map<String, ?> header) {
        try {
            return session.send(value, header);
        } catch (PayloadException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Sends {@code value} and waits for its reply (by the profile's correlation, else the next message). */
    public Message request(Object value) {
        return request(value, timeout);
    }

    /** {@link #request(Object)} waiting at most {@code wait}. */
    public Message request(Object value, Duration wait) {
        Sent sent = send(value);
        try {
            return session.replyTo(sent, wait);
        } catch (ReceiveTimeoutException | SessionClosedException e) {
            throw new AssertionError("expected a reply" + (sent.key() == null ? "" : " with key " + sent.key()) + ": "
                    + e.getMessage(), e);
        }
    }

    /** The next message, waiting at most {@code wait}. */
    public Message receive(Duration wait) {
        try {
            return session.receive(wait);
        } catch (ReceiveTimeoutException | SessionClosedException e) {
            throw new AssertionError("expected a message: " + e.getMessage(), e);
        }
    }

    /**
     * The next message, which {@code match} must accept.
     *
     * @throws AssertionError when none comes in time, or the next one does not match, naming it
     */
    public Message expect(Predicate<Message> match) {
        Message next = receive(timeout);
        if (!match.test(next)) {
            throw new AssertionError("expected a message matching the condition, received " + next.render());
        }
        return next;
    }

    /**
     * The next message, whose value must equal {@code value} as a script's {@code ==} compares (a JSON {@code 1}
     * equals {@code 1L}).
     *
     * @throws AssertionError when none comes in time, or the next one holds another value, naming both
     */
    public Message expect(Object value) {
        Message next = receive(timeout);
        Object received;
        try {
            received = next.value();
        } catch (PayloadException e) {
            throw new AssertionError("expected " + value + ", received a body the payload codec refuses: "
                    + e.getMessage(), e);
        }
        if (!DefaultTypeTransformation.compareEqual(value, received)) {
            throw new AssertionError("expected " + value + ", received " + next.render());
        }
        return next;
    }

    /** Closes the session after what was sent, and the client's threads. */
    @Override
    public void close() {
        try {
            session.close();
        } finally {
            client.close();
        }
    }

    /** Where to connect and how to speak; {@link #connect()} checks names against the plugins. */
    public static final class Builder extends ProtocolBuilder<Builder> {
        private String host = "127.0.0.1";
        private int port = -1;
        private int maxFrame = FrameLimits.DEFAULT_MAX_FRAME;
        private Duration timeout = ClientConfig.DEFAULT_TIMEOUT;

        private Builder() {
        }

        /** Host to connect to; 127.0.0.1 by default. */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /** Port to connect to; there is no default. */
        public Builder port(int value) {
            this.port = dev.mtk.internal.Checks.port("port", value, false);
            return this;
        }


        /** Largest frame accepted, in bytes; 1 MiB by default. */
        public Builder maxFrame(int bytes) {
            this.maxFrame = new FrameLimits(bytes, false).maxFrame();
            return this;
        }

        /** How long to connect, and how long a request, receive or expect waits unless told; 5 s by default. */
        public Builder timeout(Duration value) {
            Objects.requireNonNull(value, "timeout");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + value);
            }
            this.timeout = value;
            return this;
        }

        /**
         * Connects.
         *
         * @throws IllegalStateException    when no port was given
         * @throws IllegalArgumentException for an unknown profile, framing, payload or exchange
         * @throws dev.mtk.session.ConnectFailedException naming the address and the reason
         */
        public MtkClient connect() {
            if (port < 0) {
                throw new IllegalStateException("a client needs a port: MtkClient.builder().port(server.port())");
            }
            Profile profile = loadRegistry().profile(choice);
            Client client = Client.open(ClientConfig.builder().profile(profile)
                    .limits(new FrameLimits(maxFrame, false)).connectTimeout(timeout).ioThreads(1).build());
            try {
                return new MtkClient(client, client.connect(host, port), timeout);
            } catch (RuntimeException e) {
                client.close();
                throw e;
            }
        }
    }
}
