package dev.mtk.repl;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.jline.utils.AttributedString;

/**
 * Output when standard input is not a terminal: text without colours or escapes, results and frames on standard
 * output, failures on standard error as {@code mtk repl: line N: ...}.
 */
final class PlainOutput implements ReplOutput {
    private final PrintStream out;
    private final PrintStream err;
    private final PrintWriter writer;

    PlainOutput(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        this.writer = new PrintWriter(new LineWriter(this::line), true);
    }

    @Override
    public void print(AttributedString text) {
        line(text.toString());
    }

    @Override
    public void error(String message) {
        synchronized (this) {
            out.flush();
            err.println("mtk repl: " + message);
            err.flush();
        }
    }

    @Override
    public void event(AttributedString text) {
        line(text.toString());
    }

    @Override
    public PrintWriter writer() {
        return writer;
    }

    private synchronized void line(String text) {
        out.println(text);
        out.flush();
    }
}
