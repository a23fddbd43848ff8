package dev.mtk.repl;

import java.io.PrintWriter;
import org.jline.reader.LineReader;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * Output on an interactive terminal. Everything goes through {@link LineReader#printAbove}: while the user types, the
 * line is lifted, the text printed above it, and the prompt with what was typed redrawn; jline's lock keeps a frame
 * arriving on an I/O thread from cutting into a command's output. Colours show where the terminal has them.
 */
final class TerminalOutput implements ReplOutput {
    private static final AttributedStyle ERROR = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);

    private final LineReader reader;
    private final PrintWriter writer;

    TerminalOutput(LineReader reader) {
        this.reader = reader;
        this.writer = new PrintWriter(new LineWriter(reader::printAbove), true);
    }

    @Override
    public void print(AttributedString text) {
        reader.printAbove(text);
    }

    @Override
    public void error(String message) {
        reader.printAbove(new AttributedString(message, ERROR));
    }

    @Override
    public void event(AttributedString text) {
        reader.printAbove(text);
    }

    /** Takes effect with the next redisplay, which the event that goes with it ({@code closed: ...}) brings. */
    @Override
    public void prompt(String prompt) {
        if (reader instanceof LineReaderImpl impl && impl.isReading()) {
            impl.setPrompt(prompt);
        }
    }

    @Override
    public PrintWriter writer() {
        return writer;
    }
}
