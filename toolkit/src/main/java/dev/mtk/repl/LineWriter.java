package dev.mtk.repl;

import java.io.Writer;
import java.util.function.Consumer;

/**
 * A writer that hands on whole lines, so that what Groovy prints goes through the same lock as the frames arriving
 * meanwhile and no line is cut in two. A partial line goes on at {@link #flush()}.
 */
final class LineWriter extends Writer {
    private final Consumer<String> lines;
    private final StringBuilder pending = new StringBuilder();

    LineWriter(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public synchronized void write(char[] chars, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            char c = chars[i];
            if (c == '\n') {
                lines.accept(pending.toString());
                pending.setLength(0);
            } else if (c != '\r') {
                pending.append(c);
            }
        }
    }

    @Override
    public synchronized void flush() {
        if (pending.length() > 0) {
            lines.accept(pending.toString());
            pending.setLength(0);
        }
    }

    @Override
    public void close() {
        flush();
    }
}
