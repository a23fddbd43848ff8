package dev.mtk.bench;

import dev.mtk.payload.JsonPath;
import dev.mtk.payload.NamedPayload;
import dev.mtk.script.ScriptMessage;
import dev.mtk.session.Message;
import dev.mtk.spi.PayloadException;
import groovy.lang.Closure;
import groovy.lang.GroovyShell;
import java.math.BigDecimal;
import java.util.Objects;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;

/**
 * {@code --expect}: what every reply must satisfy. A failed check is an error of its own kind.
 *
 * <ul>
 *   <li>{@code $.ok=true}: the value at a JSON path equals a JSON value (numbers by value: {@code 1} equals
 *       {@code 1.0}); cheap, checked on the I/O thread;</li>
 *   <li>{@code { it.value.ok && it.value.id > 0 }}: a Groovy closure given the reply as a script sees a message
 *       ({@code it.value}, {@code it.text}, {@code it['id']}), compiled once; it is user code, so it runs on the
 *       checker thread, never on an I/O thread.</li>
 * </ul>
 */
sealed interface ReplyCheck {
    /** Why {@code reply} fails the check, or {@code null} when it passes. Never throws. */
    String failure(Message reply);

    /** Whether the check is user code, to run off the I/O threads. */
    boolean userCode();

    /**
     * The check {@code text} spells: a closure when it starts with {, else {@code PATH=VALUE}.
     *
     * @throws IllegalArgumentException one line: what is wrong with it and how to write it
     */
    static ReplyCheck parse(String text, NamedPayload codec) {
        String trimmed = text.trim();
        if (trimmed.startsWith("{")) {
            return Predicate.compile(trimmed);
        }
        int equals = trimmed.indexOf('=');
        if (!trimmed.startsWith("$") || equals < 0) {
            throw new IllegalArgumentException("--expect '" + text + "': expected PATH=VALUE such as '$.ok=true', "
                    + "or a Groovy closure such as '{ it.value.ok }'");
        }
        JsonPath path;
        try {
            path = JsonPath.parse(trimmed.substring(0, equals).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--expect: " + e.getMessage(), e);
        }
        if (!path.definite()) {
            throw new IllegalArgumentException("--expect '" + text + "': the path must name one value, without * or ..");
        }
        String valueText = trimmed.substring(equals + 1).trim();
        Object expected;
        try {
            expected = codec.decode(codec.parse(valueText));
        } catch (PayloadException | RuntimeException e) {
            throw new IllegalArgumentException("--expect '" + text + "': the value " + valueText + " is not valid "
                    + codec.name() + " (a string needs its quotes: $.status=\"ok\"): " + e.getMessage(), e);
        }
        return new FieldEquals(path, valueText, expected, codec);
    }

    /** The value at a path equals the expected value. */
    record FieldEquals(JsonPath path, String expectedText, Object expected, NamedPayload codec) implements ReplyCheck {
        @Override
        public String failure(Message reply) {
            Object actual;
            try {
                actual = codec.field(reply.body(), path.steps());
            } catch (PayloadException | RuntimeException e) {
                return "not " + codec.name() + ": " + e.getMessage();
            }
            if (same(actual, expected)) {
                return null;
            }
            return actual == null ? path + " is missing, expected " + expectedText
                    : path + " is " + shown(actual) + ", expected " + expectedText;
        }

        @Override
        public boolean userCode() {
            return false;
        }

        private static boolean same(Object actual, Object expected) {
            if (actual instanceof Number a && expected instanceof Number e) {
                try {
                    return new BigDecimal(a.toString()).compareTo(new BigDecimal(e.toString())) == 0;
                } catch (NumberFormatException notDecimal) {
                    return a.equals(e);
                }
            }
            return Objects.equals(actual, expected);
        }

        private static String shown(Object value) {
            return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
        }
    }

    /** A Groovy closure, true for a good reply. */
    record Predicate(String source, Closure<?> closure) implements ReplyCheck {
        static Predicate compile(String source) {
            Object compiled;
            try {
                // "return": a closure alone on a line is read as a block of code, not as a value.
                compiled = new GroovyShell(ReplyCheck.class.getClassLoader(), dev.mtk.script.Scripts.userCode())
                        .evaluate("return " + source, "expect.groovy");
            } catch (CompilationFailedException e) {
                throw new IllegalArgumentException("--expect: the Groovy closure does not compile: "
                        + e.getMessage().replaceAll("\\s+", " ").trim(), e);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--expect: the Groovy closure fails as it is made: " + e, e);
            }
            if (!(compiled instanceof Closure<?> closure)) {
                throw new IllegalArgumentException("--expect '" + source + "': not a closure; write '{ it.value.ok }'");
            }
            return new Predicate(source, closure);
        }

        @Override
        public String failure(Message reply) {
            try {
                Object verdict = closure.call(new ScriptMessage(reply));
                // Groovy truth: castToBoolean dispatches on the value (DefaultGroovyMethods.asBoolean(Object) is "not null").
                return DefaultTypeTransformation.castToBoolean(verdict) ? null : source + " is " + verdict;
            } catch (Throwable e) {
                return source + " failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
        }

        @Override
        public boolean userCode() {
            return true;
        }
    }
}
