package dev.mtk.script;

import dev.mtk.session.ClientSession;
import dev.mtk.session.Exchange;
import dev.mtk.session.ReceiveTimeoutException;
import dev.mtk.session.Sent;
import dev.mtk.session.SessionClosedException;
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;
import groovy.lang.Closure;
import groovy.transform.stc.ClosureParams;
import groovy.transform.stc.SimpleType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;

/**
 * A client session in a scenario: {@code send}, {@code receive}, {@code expect}, {@code exchange}, {@code close}.
 * Waits default to the script's {@code timeout} (milliseconds).
 */
public final class ScriptClient implements AutoCloseable {
    private final ClientSession session;
    private final ScenarioScript script;

    ScriptClient(ClientSession session, ScenarioScript script) {
        this.session = session;
        this.script = script;
    }

    /** The server's address. */
    public String getPeer() {
        return session.peer();
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    /** Sends a value: a map or list as JSON, text as typed, bytes as they are. */
    public Sent send(Object value) {
        try {
            return session.send(ScriptValues.plain(value));
        } catch (PayloadException e) {
            throw new ScriptFailure("cannot send: " + e.getMessage(), e);
        }
    }

    /** The next message, waiting up to the script's timeout. */
    public ScriptMessage receive() {
        return receive(script.getTimeout());
    }

    /** The next message, waiting up to {@code millis}. */
    public ScriptMessage receive(long millis) {
        try {
            return new ScriptMessage(session.receive(Duration.ofMillis(millis)));
        } catch (ReceiveTimeoutException e) {
            throw new ScriptFailure("expected a message from " + getPeer() + " within " + millis + " ms, received nothing");
        } catch (SessionClosedException e) {
            throw new ScriptFailure("expected a message, but the " + e.getMessage());
        }
    }

    /**
     * The next message, which must match: {@code expect(value: [ok: true])} (compared as the script's {@code ==}
     * would: {@code 1.5} matches a JSON 1.5, {@code "$name"} a string), {@code expect(text: 'pong')},
     * {@code expect { it.value.n > 1 }}, with {@code timeout:} in milliseconds.
     *
     * @throws ScriptFailure saying what was expected and what was received
     */
    public ScriptMessage expect(Map<String, Object> options,
            @ClosureParams(value = SimpleType.class, options = "dev.mtk.script.ScriptMessage") Closure<?> condition) {
        long millis = ScriptValues.number(options, "timeout", script.getTimeout());
        ScriptMessage message = checked(options, receive(millis));
        if (condition != null && !asBoolean(condition.call(message))) {
            throw new ScriptFailure("expected a message matching the condition, received " + message);
        }
        return message;
    }

    public ScriptMessage expect(Map<String, Object> options) {
        return expect(options, null);
    }

    public ScriptMessage expect(
            @ClosureParams(value = SimpleType.class, options = "dev.mtk.script.ScriptMessage") Closure<?> condition) {
        return expect(Map.of(), condition);
    }

    public ScriptMessage expect() {
        return expect(Map.of(), null);
    }

    /**
     * Sends {@code value} and returns its reply: the message with the same id when the connection pairs replies by
     * one ({@code connect(correlate: '$.id')}), else the next message. Replies to other requests that come first wait
     * for their own {@code request}, {@code receive} or {@code expect}.
     */
    public ScriptMessage request(Object value) {
        return request(value, script.getTimeout());
    }

    public ScriptMessage request(Object value, long millis) {
        try {
            return new ScriptMessage(session.request(ScriptValues.plain(value), Duration.ofMillis(millis)));
        } catch (PayloadException e) {
            throw new ScriptFailure("cannot send: " + e.getMessage(), e);
        } catch (ReceiveTimeoutException e) {
            throw new ScriptFailure("expected the reply to " + shown(value) + " from " + getPeer() + " within "
                    + millis + " ms, received nothing" + waiting());
        } catch (SessionClosedException e) {
            throw new ScriptFailure("expected the reply to " + shown(value) + ", but the " + e.getMessage());
        } catch (dev.mtk.session.SessionException e) {
            throw new ScriptFailure(e.getMessage(), e);
        }
    }

    /**
     * Sends {@code value} and checks its reply the way {@code expect} checks a message:
     * {@code request([op: 'get', id: 7], value: [id: 7, ok: true])}, with {@code text:} and {@code timeout:} too.
     */
    public ScriptMessage request(Map<String, Object> options, Object value) {
        return checked(options, request(value, ScriptValues.number(options, "timeout", script.getTimeout())));
    }

    /**
     * The reply to what {@code send} returned: the message with its id when the connection pairs replies by one,
     * else the next message. Send several requests, then take their replies in any order:
     * {@code def a = c.send([id: 1]); def b = c.send([id: 2]); c.replyTo(b); c.replyTo(a)}.
     */
    public ScriptMessage replyTo(Sent sent) {
        return replyTo(Map.of(), sent);
    }

    /** {@link #replyTo(Sent)}, checked the way {@code expect} checks: {@code c.replyTo(b, value: [id: 2])}. */
    public ScriptMessage replyTo(Map<String, Object> options, Sent sent) {
        long millis = ScriptValues.number(options, "timeout", script.getTimeout());
        String which = sent.key() == null ? "the reply" : "the reply with " + session.profile().correlation()
                .expression() + " " + sent.key();
        try {
            return checked(options, new ScriptMessage(session.replyTo(sent, Duration.ofMillis(millis))));
        } catch (ReceiveTimeoutException e) {
            throw new ScriptFailure("expected " + which + " from " + getPeer() + " within " + millis
                    + " ms, received nothing" + waiting());
        } catch (SessionClosedException e) {
            throw new ScriptFailure("expected " + which + ", but the " + e.getMessage());
        } catch (dev.mtk.session.SessionException e) {
            throw new ScriptFailure(e.getMessage(), e);
        }
    }

    /** {@code message}, when it has the {@code value:} and {@code text:} of {@code options}. */
    private ScriptMessage checked(Map<String, Object> options, ScriptMessage message) {
        if (options.containsKey("value") && !DefaultTypeTransformation.compareEqual(options.get("value"), message.getValue())) {
            throw new ScriptFailure("expected " + shown(options.get("value")) + ", received " + message);
        }
        if (options.containsKey("text") && !Objects.equals(String.valueOf(options.get("text")), message.getText())) {
            throw new ScriptFailure("expected text '" + options.get("text") + "', received '" + message.getText() + "'");
        }
        return message;
    }

    /** {@code ; waiting: [...]} naming the messages received and not taken, or empty when none waits. */
    private String waiting() {
        List<dev.mtk.session.Message> waiting = session.waiting();
        if (waiting.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("; waiting (" + waiting.size() + "): ");
        for (int i = 0; i < Math.min(5, waiting.size()); i++) {
            text.append(i > 0 ? ", " : "").append(waiting.get(i).render());
        }
        return text.append(waiting.size() > 5 ? ", ..." : "").toString();
    }

    /** The seed's exchange: send {@code value}, wait for the acknowledgement, confirm; returns the acknowledgement. */
    public ScriptMessage exchange(Object value) {
        return exchange(value, script.getTimeout());
    }

    public ScriptMessage exchange(Object value, long millis) {
        try {
            Exchange exchange = session.exchange(ScriptValues.plain(value), Duration.ofMillis(millis));
            return new ScriptMessage(exchange.acknowledgement());
        } catch (PayloadException e) {
            throw new ScriptFailure("cannot send: " + e.getMessage(), e);
        } catch (ReceiveTimeoutException e) {
            throw new ScriptFailure("expected an acknowledgement from " + getPeer() + " within " + millis
                    + " ms, received nothing");
        } catch (SessionClosedException e) {
            throw new ScriptFailure("expected an acknowledgement, but the " + e.getMessage());
        }
    }

    /** Bytes exactly as given (a byte array, a list of numbers, or text as UTF-8), without framing. */
    public void sendRaw(Object bytes) {
        faults().sendRaw(bytes);
    }

    /** The frame of {@code value} cut before each of {@code offsets}, {@code pauseMillis} between the pieces. */
    public void sendSplit(Object value, List<? extends Number> offsets, long pauseMillis) {
        faults().sendSplit(value, offsets, pauseMillis);
    }

    /** The frame of {@code value} one byte at a time, {@code pauseMillis} apart. */
    public void drip(Object value, long pauseMillis) {
        faults().drip(value, pauseMillis);
    }

    /** The body of {@code value} behind a length field that says {@code length} (wrong, negative, oversize). */
    public void sendWithLength(Object value, long length) {
        faults().sendWithLength(value, length);
    }

    /** The body of {@code value} behind the largest length its field can hold. */
    public void sendOversize(Object value) {
        faults().sendOversize(value);
    }

    /** Garbage alone, as bytes or text. */
    public void sendGarbage(Object garbage) {
        faults().sendGarbage(garbage, null);
    }

    /** Garbage, then the frame of {@code value}, in one write. */
    public void sendGarbage(Object garbage, Object value) {
        faults().sendGarbage(garbage, value);
    }

    /** The first half of the frame of {@code value}, and nothing more. */
    public void sendHalf(Object value) {
        faults().sendHalf(value);
    }

    /** The first half of the frame of {@code value}, then close. */
    public void closeHalfway(Object value) {
        faults().closeHalfway(value);
    }

    private ScriptFaults faults() {
        return new ScriptFaults(session);
    }

    /** Sends the profile's confirmation, {@code ok}. */
    public void confirm() {
        session.confirm();
    }

    @Override
    public void close() {
        session.close();
    }

    /** An expected value as a received one prints: {@code {"n":1}} for JSON rather than Groovy's {@code {n=1}}. */
    private String shown(Object expected) {
        PayloadCodec codec = session.profile().payload();
        try {
            Object plain = ScriptValues.plain(expected);
            return codec.render(plain instanceof String text ? codec.string(text) : codec.encode(plain));
        } catch (PayloadException | RuntimeException e) {
            return String.valueOf(expected);
        }
    }

    /**
     * Groovy truth, as {@code if (result)} in a script. Not {@code DefaultGroovyMethods.asBoolean(Object)}: called from
     * Java it binds statically to the Object overload, which calls every non-null value (even {@code false}) true.
     */
    private static boolean asBoolean(Object result) {
        return DefaultTypeTransformation.castToBoolean(result);
    }

    @Override
    public String toString() {
        return "client of " + getPeer();
    }
}
