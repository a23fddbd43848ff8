package dev.mtk.payload;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.mtk.spi.PayloadException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place a JSON mistake is put in plain words. Jackson's messages were shown as they came, e.g. for
 * <code>{"a": 1</code>: {@code Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED
 * (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])}. The same mistake now reads
 * {@code unclosed object (opened at line 1, column 1)}; every message has a position and no library's vocabulary.
 * The command line, the REPL, scripts and the server all parse through {@link JsonPayloadCodec}, which calls this.
 *
 * <table>
 * <caption>What each common mistake says</caption>
 * <tr><th>typed</th><th>message</th></tr>
 * <tr><td><code>{"a": 1</code></td><td>{@code unclosed object (opened at line 1, column 1)}</td></tr>
 * <tr><td>{@code [1, 2}</td><td>{@code unclosed array (opened at line 1, column 1)}</td></tr>
 * <tr><td><code>{"a": "x</code></td><td>{@code unclosed string (opened at line 1, column 7)}</td></tr>
 * <tr><td>{@code {a: 1}}</td><td>{@code invalid JSON at line 1, column 2: unexpected character 'a' (expected a
 * field name in double quotes)}</td></tr>
 * <tr><td>{@code {"a": 1} x}</td><td>{@code invalid JSON at line 1, column 10: more after the value ('x'); one JSON
 * value per message}</td></tr>
 * </table>
 */
final class JsonErrors {
    private static final Pattern UNEXPECTED_CHARACTER =
            Pattern.compile("Unexpected character \\((.+) \\(code \\d+\\)\\)(?:: (.*))?", Pattern.DOTALL);
    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("Unrecognized token '(.*)': was expecting.*",
            Pattern.DOTALL);
    private static final Pattern UNEXPECTED_CLOSE = Pattern.compile("Unexpected close marker '(.)': expected '(.)'.*",
            Pattern.DOTALL);
    private static final String A_VALUE = "a JSON value: an object, an array, a string in double quotes, a number, "
            + "true, false or null";

    private JsonErrors() {
    }

    /** {@code e}, raised by {@code parser} while reading, as one line in plain words with where it went wrong. */
    static PayloadException plain(JsonProcessingException e, JsonParser parser) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof JsonEOFException eof) {
            return new PayloadException(unclosed(eof, parser), e);
        }
        String at = at(e.getLocation());
        Matcher m = UNEXPECTED_CHARACTER.matcher(original);
        if (m.matches()) {
            return new PayloadException(at + ": unexpected character " + m.group(1) + expected(m.group(2)), e);
        }
        m = UNRECOGNIZED_TOKEN.matcher(original);
        if (m.matches()) {
            return new PayloadException(at + ": unexpected '" + m.group(1) + "' (expected " + A_VALUE + ")", e);
        }
        m = UNEXPECTED_CLOSE.matcher(original);
        if (m.matches()) {
            JsonStreamContext open = parser == null ? null : parser.getParsingContext();
            String opened = open == null || open.inRoot() ? "" : " opened at " + position(open.startLocation(
                    parser.currentLocation().contentReference()));
            return new PayloadException(at + ": unexpected '" + m.group(1) + "' (expected '" + m.group(2)
                    + "' to close the " + (m.group(2).equals("]") ? "array" : "object") + opened + ")", e);
        }
        if (original.startsWith("Illegal unquoted character")) {
            return new PayloadException(at + ": a control character inside a string (write a line break as \\n, "
                    + "a tab as \\t, others as \\u00XX)", e);
        }
        return new PayloadException(at + ": " + firstLine(original), e);
    }

    /** What follows a complete value: {@code found} is the next token, or {@code null} when it was not one. */
    static PayloadException trailing(JsonLocation where, String found) {
        return new PayloadException(at(where) + ": more after the value (" + found + "); one JSON value per message");
    }

    private static String unclosed(JsonEOFException eof, JsonParser parser) {
        JsonToken decoding = eof.getTokenBeingDecoded();
        if (parser != null && (decoding == JsonToken.VALUE_STRING || decoding == JsonToken.FIELD_NAME)) {
            return "unclosed string (opened at " + position(parser.currentTokenLocation()) + ")";
        }
        JsonStreamContext open = parser == null ? null : parser.getParsingContext();
        if (open == null || open.inRoot()) {
            return at(eof.getLocation()) + ": the input ended before the value did";
        }
        return "unclosed " + (open.inArray() ? "array" : "object") + " (opened at "
                + position(open.startLocation(parser.currentLocation().contentReference())) + ")";
    }

    private static String expected(String jackson) {
        if (jackson == null) {
            return "";
        }
        String what;
        if (jackson.startsWith("was expecting double-quote to start field name")) {
            what = "a field name in double quotes";
        } else if (jackson.startsWith("was expecting comma to separate Object entries")) {
            what = "',' or '}'";
        } else if (jackson.startsWith("was expecting comma to separate Array entries")) {
            what = "',' or ']'";
        } else if (jackson.startsWith("was expecting a colon")) {
            what = "':' after the field name";
        } else if (jackson.startsWith("expected a valid value")) {
            what = A_VALUE;
        } else {
            return "";
        }
        return " (expected " + what + ")";
    }

    private static String at(JsonLocation location) {
        return location == null ? "invalid JSON" : "invalid JSON at " + position(location);
    }

    private static String position(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    static String firstLine(String message) {
        if (message == null || message.isEmpty()) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        int source = line.indexOf(" (for ");
        source = source < 0 ? line.indexOf(" [Source") : source;
        return source < 0 ? line : line.substring(0, source);
    }
}
