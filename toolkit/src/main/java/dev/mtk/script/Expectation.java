package dev.mtk.script;

import dev.mtk.internal.LogText;
import dev.mtk.session.Message;
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;
import dev.mtk.spi.Received;
import groovy.lang.Closure;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;

/**
 * What an {@code expect} asks of a message, as scenarios and the REPL both write it: {@code value:} (compared as the
 * script's {@code ==} would), {@code text:}, a condition closure, or any of them together; with {@code timeout:} and
 * {@code anyOrder:}.
 *
 * <p>It is used two ways. In order, the next message must match, and a mismatch names what came instead
 * ({@link #mismatch}). In any order, the first message that matches is taken wherever it waits, and the others stay
 * ({@link #search}): replies to multiplexed requests come back in any order, so a test of the next message tested
 * the server's timing rather than its answers.
 */
public final class Expectation {
    /** The named options {@code expect} takes. */
    public static final List<String> OPTIONS = List.of("value", "text", "timeout", "anyOrder");
    /** Messages a failure lists; more are counted, not shown. */
    private static final int SHOWN = 5;
    /** Characters of each listed message: enough to tell them apart on one line. */
    private static final int SHOWN_CHARS = 160;

    private final boolean hasValue;
    private final Object value;
    private final String text;
    private final Closure<?> condition;
    private final Boolean anyOrder;
    private final PayloadCodec codec;
    /** The first failure of the condition while searching, to name when nothing matched. */
    private volatile String conditionFailure;

    private Expectation(Map<?, ?> options, Closure<?> condition, PayloadCodec codec) {
        this.hasValue = options.containsKey("value");
        this.value = options.get("value");
        this.text = options.containsKey("text") ? String.valueOf(options.get("text")) : null;
        this.condition = condition;
        this.anyOrder = options.containsKey("anyOrder") ? DefaultTypeTransformation.castToBoolean(options.get("anyOrder"))
                : null;
        this.codec = codec;
    }

    /**
     * What {@code options} and {@code condition} (either may be empty or {@code null}) ask; {@code codec} shows an
     * expected value as a received one is shown.
     *
     * @throws ScriptFailure for an option {@code expect} does not take, naming those it does
     */
    public static Expectation of(Map<?, ?> options, Closure<?> condition, PayloadCodec codec) {
        for (Object key : options.keySet()) {
            if (!OPTIONS.contains(String.valueOf(key))) {
                throw new ScriptFailure("expect takes " + String.join(", ", OPTIONS.stream().map(k -> k + ":").toList())
                        + " and a condition { ... }, not " + key + ":");
            }
        }
        return new Expectation(options, condition, codec);
    }

    /** A message with this value, as a typed body decodes: what the REPL's {@code expect BODY} asks. */
    public static Expectation value(Object value, PayloadCodec codec) {
        return new Expectation(Map.of("value", value), null, codec);
    }

    /**
     * Whether to search every waiting message: as {@code anyOrder:} says, else when the connection pairs replies by
     * a key ({@code correlated}), whose replies may come in any order.
     */
    public boolean anyOrder(boolean correlated) {
        return anyOrder != null ? anyOrder : correlated;
    }

    /**
     * Why the next message does not match, or {@code null} when it does. A condition that throws fails the expect
     * with its own error, as a line of the script would.
     */
    public String mismatch(ScriptMessage message) {
        if (hasValue && !DefaultTypeTransformation.compareEqual(value, message.getValue())) {
            return "expected " + shown(value) + ", received " + message;
        }
        if (text != null && !Objects.equals(text, message.getText())) {
            return "expected text '" + text + "', received '" + message.getText() + "'";
        }
        // Groovy truth, as if (result) in a script. Not DefaultGroovyMethods.asBoolean(Object): called from Java it
        // binds statically to the Object overload, which calls every non-null value (even false) true.
        if (condition != null && !DefaultTypeTransformation.castToBoolean(condition.call(message))) {
            return "expected a message matching the condition, received " + message;
        }
        return null;
    }

    /**
     * A test of waiting messages for an any-order wait. Each message is tested once (a condition may count, or log),
     * and a message the test cannot read (a body that is not JSON, a condition that throws on it) does not match.
     */
    public Predicate<Message> search() {
        Map<Message, Boolean> tested = new IdentityHashMap<>();
        return message -> tested.computeIfAbsent(message, this::matches);
    }

    private boolean matches(Message message) {
        try {
            return mismatch(new ScriptMessage(message)) == null;
        } catch (ScriptFailure e) {
            return false;
        } catch (RuntimeException | AssertionError e) {
            if (conditionFailure == null) {
                conditionFailure = "the condition failed on " + line(message) + ": " + ScriptErrors.what(e);
            }
            return false;
        }
    }

    /** {@code {"id":2} and text 'pong'}: what is expected, for a failure that found nothing. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (hasValue) {
            parts.add(shown(value));
        }
        if (text != null) {
            parts.add("text '" + text + "'");
        }
        if (condition != null) {
            parts.add("a message matching the condition");
        }
        return parts.isEmpty() ? "a message" : String.join(" and ", parts);
    }

    /**
     * {@code ; waiting (7): {"id":1}, {"id":3}, ...}: what a failed any-order wait left, the first few cut to a line
     * each, with why the condition could not test one if it threw; empty when nothing waits.
     */
    public String waiting(List<? extends Received> messages) {
        String failure = conditionFailure;
        return Expectation.list(messages) + (failure == null ? "" : "; " + failure);
    }

    /** {@code ; waiting (7): {"id":1}, {"id":3}, ...}, or empty when {@code messages} is. */
    public static String list(List<? extends Received> messages) {
        if (messages.isEmpty()) {
            return "";
        }
        StringBuilder list = new StringBuilder("; waiting (" + messages.size() + "): ");
        for (int i = 0; i < Math.min(SHOWN, messages.size()); i++) {
            list.append(i > 0 ? ", " : "").append(line(messages.get(i)));
        }
        return list.append(messages.size() > SHOWN ? ", ..." : "").toString();
    }

    private static String line(Received message) {
        return LogText.cut(Message.headerText(message.header()) + message.render(), SHOWN_CHARS);
    }

    private String shown(Object expected) {
        return shown(expected, codec);
    }

    /** An expected value as a received one prints: {@code {"n":1}} for JSON rather than Groovy's {@code {n=1}}. */
    static String shown(Object expected, PayloadCodec codec) {
        try {
            Object plain = ScriptValues.plain(expected);
            return codec.render(plain instanceof String string ? codec.string(string) : codec.encode(plain));
        } catch (PayloadException | RuntimeException e) {
            return String.valueOf(expected);
        }
    }
}
