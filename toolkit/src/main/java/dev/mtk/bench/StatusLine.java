package dev.mtk.bench;

import java.io.PrintStream;

/**
 * What a long run does once a second on a thread of its own: its {@link Second}'s work (an interval log's line), and
 * on a terminal the line that work returns, rewritten in place. Piped, nothing is printed and the work still runs.
 * When it stops the line is cleared, or kept and ended when the user stopped the run (the terminal echoed {@code ^C}
 * onto it), so that what follows starts on a line of its own.
 */
public final class StatusLine {
    /** Spaces enough to blank any status line. */
    public static final String CLEAR = "\r" + " ".repeat(72) + "\r";

    /** One second's work; the text to show for it. */
    public interface Second {
        String line(long nanoTime);
    }

    private final PrintStream terminal;
    private final Second second;
    private final Thread thread;
    private volatile boolean stopped;
    /** Written by the line's thread, read by {@link #stop} after the join. */
    private boolean printed;

    private StatusLine(String name, PrintStream terminal, Second second) {
        this.terminal = terminal;
        this.second = second;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    /**
     * Starts the line on a daemon thread named {@code name}.
     *
     * @param terminal where the line goes, or {@code null} when the output is not a terminal
     */
    public static StatusLine start(String name, PrintStream terminal, Second second) {
        StatusLine line = new StatusLine(name, terminal, second);
        line.thread.start();
        return line;
    }

    private void run() {
        while (!stopped) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
            String text = second.line(System.nanoTime());
            if (terminal != null && !stopped) {
                terminal.print("\r" + text);
                terminal.flush();
                printed = true;
            }
        }
    }

    /** Stops the seconds and waits for the last to end; then clears the line, or keeps and ends it. */
    public void stop(boolean keep) throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join();
        if (printed) {
            terminal.print(keep ? System.lineSeparator() : CLEAR);
            terminal.flush();
        }
    }
}
