package dev.mtk.repl;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;

/**
 * Splits lines into words for completion (jline's {@link DefaultParser}) and keeps Enter from accepting a line
 * whose brackets are still open: jline then continues it on the next line, so JSON and Groovy blocks can be typed
 * over several lines. The rule is {@link Brackets}', the same as for a transcript on standard input.
 */
final class ReplParser implements Parser {
    private final DefaultParser words = new DefaultParser();

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && Brackets.open(line) > 0) {
            throw new EOFError(-1, -1, "unclosed bracket", "bracket");
        }
        return words.parse(line, cursor, context);
    }
}
