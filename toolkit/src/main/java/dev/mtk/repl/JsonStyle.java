package dev.mtk.repl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * JSON for people: compact when it fits on a line, else indented by two spaces, with keys, strings, numbers and
 * literals in colour (shown only where the terminal has colours: jline drops styles for a dumb terminal, and plain
 * output prints the text alone).
 */
final class JsonStyle {
    /** Longer than this, compact JSON is hard to read on one line beside the frame's header. */
    static final int ONE_LINE = 60;

    static final AttributedStyle KEY = AttributedStyle.DEFAULT.foreground(AttributedStyle.BLUE).bold();
    static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    static final AttributedStyle LITERAL = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonStyle() {
    }

    /**
     * {@code json} styled, compact if that fits in {@link #ONE_LINE} characters, else indented.
     *
     * @throws IOException when it is not one valid JSON value
     */
    static AttributedString style(byte[] json) throws IOException {
        AttributedString compact = write(json, false);
        return compact.length() <= ONE_LINE ? compact : write(json, true);
    }

    static AttributedString write(byte[] json, boolean indent) throws IOException {
        AttributedStringBuilder out = new AttributedStringBuilder();
        // One entry per open container: whether it has had an element yet (for commas and empty {} and []).
        Deque<boolean[]> open = new ArrayDeque<>();
        boolean afterKey = false;
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new IOException("empty body");
            }
            while (true) {
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    boolean hadElements = open.pop()[0];
                    if (hadElements && indent) {
                        newline(out, open.size());
                    }
                    out.append(token == JsonToken.END_OBJECT ? "}" : "]");
                } else {
                    element(out, open, afterKey, indent);
                    afterKey = false;
                    switch (token) {
                        case START_OBJECT, START_ARRAY -> {
                            out.append(token == JsonToken.START_OBJECT ? "{" : "[");
                            open.push(new boolean[1]);
                        }
                        case FIELD_NAME -> {
                            out.styled(KEY, quoted(parser.currentName())).append(indent ? ": " : ":");
                            afterKey = true;
                        }
                        case VALUE_STRING -> out.styled(STRING, quoted(parser.getText()));
                        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.styled(NUMBER, parser.getText());
                        default -> out.styled(LITERAL, parser.getText());
                    }
                }
                token = parser.nextToken();
                if (open.isEmpty()) {
                    if (token != null) {
                        throw new IOException("more than one value");
                    }
                    break;
                }
                if (token == null) {
                    throw new IOException("unclosed " + (open.size() == 1 ? "container" : "containers"));
                }
            }
        }
        return out.toAttributedString();
    }

    /**
     * Before a key or a value: a comma when the container already has an element, then the line break. A value right
     * after its key takes neither.
     */
    private static void element(AttributedStringBuilder out, Deque<boolean[]> open, boolean afterKey, boolean indent) {
        if (afterKey || open.isEmpty()) {
            return;
        }
        boolean[] container = open.peek();
        if (container[0]) {
            out.append(",");
        }
        container[0] = true;
        if (indent) {
            newline(out, open.size());
        }
    }

    private static void newline(AttributedStringBuilder out, int depth) {
        out.append("\n");
        out.append("  ".repeat(depth));
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
