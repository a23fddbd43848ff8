package dev.mtk.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The streams a command talks through, and whether standard input is a terminal (the launcher tells, with
 * {@code -Dmtk.stdin.tty}; Java alone cannot ask about standard input).
 */
public record Console(InputStream in, PrintStream out, PrintStream err, boolean stdinTerminal) {

    public static Console system() {
        String tty = System.getProperty("mtk.stdin.tty");
        boolean terminal = tty == null ? System.console() != null : Boolean.parseBoolean(tty);
        return new Console(System.in, System.out, System.err, terminal);
    }
}
