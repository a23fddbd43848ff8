package dev.mtk.script;

import dev.mtk.session.ClientSession;
import dev.mtk.session.Exchange;
import dev.mtk.session.Message;
import dev.mtk.session.ReceiveTimeoutException;
import dev.mtk.session.Sent;
import dev.mtk.session.SessionClosedException;
import dev.mtk.spi.PayloadException;
import groovy.lang.Closure;
import groovy.transform.stc.ClosureParams;
import groovy.transform.stc.SimpleType;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A client session in a scenario: {@code send}, {@code request}, {@code receive}, {@code expect}, {@code exchange},
 * {@code close}.
 * Waits default to the script's {@code timeout} (milliseconds).
 */
public final class ScriptClient implements AutoCloseable {
    private static final List<String> SEND_OPTIONS = List.of("header");
    private static final List<String> REQUEST_OPTIONS = List.of("header", "timeout", "value", "text");
    private static final List<String> REPLY_TO_OPTIONS = List.of("timeout", "value", "text");

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
        return sendWith(value, Map.of());
    }

    /**
     * {@code send(value, header: [opaque: 7])}: the value in a frame with the framing's named header fields set.
     *
     * @throws ScriptFailure for a value the codec refuses, a field the framing does not name or a value that does not
     *                       fit it, or an option other than {@code header:}
     */
    public Sent send(Map<String, Object> options, Object value) {
        return sendWith(value, ScriptValues.header("send", options, SEND_OPTIONS));
    }

    /** Named apart from {@code send}: Groovy sees private methods too, and found {@code send(Map, Object)} ambiguous. */
    private Sent sendWith(Object value, Map<String, Object> header) {
        try {
            return session.send(ScriptValues.plain(value), header);
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
            throw new ScriptFailure("expected a message from " + getPeer() + " within " + millis + " ms, received nothing",
                    e);
        } catch (SessionClosedException e) {
            throw new ScriptFailure("expected a message, but the " + e.getMessage(), e);
        }
    }

    /**
     * A message that matches: {@code expect(value: [ok: true])} (compared as the script's {@code ==} would:
     * {@code 1.5} matches a JSON 1.5, {@code "$name"} a string), {@code expect(text: 'pong')},
     * {@code expect { it.value.n > 1 }}, with {@code timeout:} in milliseconds.
     *
     * <p>In order, the next message must match. In any order, the first message that matches is taken, among those
     * waiting and those to come within the timeout, and the others stay for later: the default when the connection
     * pairs replies by a key ({@code connect(correlate: '$.id')}), whose replies come in any order, and on request
     * with {@code anyOrder: true} (or off with {@code anyOrder: false}).
     *
     * @throws ScriptFailure saying what was expected and what was received, or, in any order, what was waiting
     */
    public ScriptMessage expect(Map<String, Object> options,
            @ClosureParams(value = SimpleType.class, options = "dev.mtk.script.ScriptMessage") Closure<?> condition) {
        Expectation expected = Expectation.of(options, condition, session.profile().payload());
        long millis = ScriptValues.number(options, "timeout", script.getTimeout());
        if (expected.anyOrder(session.profile().correlation().present())) {
            return search(expected, millis);
        }
        ScriptMessage message = receive(millis);
        String mismatch = expected.mismatch(message);
        if (mismatch != null) {
            throw ScriptFailure.mismatch(mismatch);
        }
        return message;
    }

    private ScriptMessage search(Expectation expected, long millis) {
        try {
            return new ScriptMessage(session.receive(expected.search(), Duration.ofMillis(millis)));
        } catch (ReceiveTimeoutException e) {
            List<Message> waiting = session.waiting();
            throw new ScriptFailure("expected " + expected.describe() + " from " + getPeer() + " within " + millis
                    + " ms (in any order), " + (waiting.isEmpty() ? "received nothing" : "none matched")
                    + expected.waiting(waiting), e);
        } catch (SessionClosedException e) {
            throw new ScriptFailure("expected " + expected.describe() + " (in any order), but the " + e.getMessage()
                    + expected.waiting(session.waiting()), e);
        }
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
        return requestWith(value, Map.of(), script.getTimeout());
    }

    public ScriptMessage request(Object value, long millis) {
        return requestWith(value, Map.of(), millis);
    }

    /**
     * {@code request(value, header: [opaque: 7], timeout: 500)}: the request in a frame with header fields set, and
     * its reply; a connection that pairs replies by a header field ({@code correlate: 'header.opaque'}) pairs it by
     * the value given here. With {@code value:} or {@code text:} the reply is checked the way {@code expect} checks
     * a message: {@code request([op: 'get', id: 7], value: [id: 7, ok: true])}.
     *
     * <p>Groovy passes named options first, so {@code request([id: 1], 500)} arrives here too: a first map that is not
     * options (a key other than those above) followed by a number is that call.
     */
    public ScriptMessage request(Map<String, Object> options, Object value) {
        if (value instanceof Number millis && !isOptions(options, REQUEST_OPTIONS)) {
            return requestWith(options, Map.of(), millis.longValue());
        }
        Map<String, Object> header = ScriptValues.header("request", options, REQUEST_OPTIONS);
        ScriptMessage reply = requestWith(value, header, ScriptValues.number(options, "timeout", script.getTimeout()));
        return checked(options, reply);
    }

    /** Private, and named apart: Groovy sees private methods too, and would find {@code request(Map, Object)} ambiguous. */
    private ScriptMessage requestWith(Object value, Map<String, Object> header, long millis) {
        Sent sent = sendWith(value, header);
        return awaitReply(sent, millis, "the reply to " + Expectation.shown(value, session.profile().payload())
                + (sent.key() == null ? "" : " with " + session.profile().correlation().expression() + " " + sent.key()));
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
        ScriptValues.header("replyTo", options, REPLY_TO_OPTIONS);
        long millis = ScriptValues.number(options, "timeout", script.getTimeout());
        String which = sent.key() == null ? "the reply" : "the reply with " + session.profile().correlation()
                .expression() + " " + sent.key();
        return checked(options, awaitReply(sent, millis, which));
    }

    /**
     * The reply to {@code sent}, for {@code request} and {@code replyTo} alike; a failure says {@code which} reply it
     * waited for and lists what waits instead.
     */
    private ScriptMessage awaitReply(Sent sent, long millis, String which) {
        try {
            return new ScriptMessage(session.replyTo(sent, Duration.ofMillis(millis)));
        } catch (ReceiveTimeoutException e) {
            throw new ScriptFailure("expected " + which + " from " + getPeer() + " within " + millis
                    + " ms, received nothing" + Expectation.list(session.waiting()), e);
        } catch (SessionClosedException e) {
            throw new ScriptFailure("expected " + which + ", but the " + e.getMessage()
                    + Expectation.list(session.waiting()), e);
        } catch (dev.mtk.session.SessionException e) {
            throw new ScriptFailure(e.getMessage(), e);
        }
    }

    /** {@code message}, when it has the {@code value:} and {@code text:} of {@code options}. */
    private ScriptMessage checked(Map<String, Object> options, ScriptMessage message) {
        Map<String, Object> wanted = new java.util.LinkedHashMap<>();
        for (String key : List.of("value", "text")) {
            if (options.containsKey(key)) {
                wanted.put(key, options.get(key));
            }
        }
        String mismatch = Expectation.of(wanted, null, session.profile().payload()).mismatch(message);
        if (mismatch != null) {
            throw ScriptFailure.mismatch(mismatch);
        }
        return message;
    }

    private static boolean isOptions(Map<?, ?> map, List<String> known) {
        return !map.isEmpty() && map.keySet().stream().allMatch(key -> known.contains(String.valueOf(key)));
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
                    + " ms, received nothing", e);
        } catch (SessionClosedException e) {
            throw new ScriptFailure("expected an acknowledgement, but the " + e.getMessage(), e);
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

    @Override
    public String toString() {
        return "client of " + getPeer();
    }
}
