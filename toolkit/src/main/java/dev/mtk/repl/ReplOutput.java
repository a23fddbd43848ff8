package dev.mtk.repl;

import java.io.PrintWriter;
import org.jline.utils.AttributedString;

/** Where the REPL writes: a terminal with a prompt to keep intact, or plain standard output and error. */
interface ReplOutput {

    /** What a command shows, from the REPL's thread. */
    void print(AttributedString text);

    default void print(String text) {
        print(new AttributedString(text));
    }

    /** A command failed: one line saying what was wrong. */
    void error(String message);

    /** Something that happened by itself (a frame arrived, a session was lost), from any thread: above the prompt. */
    void event(AttributedString text);

    /** The prompt changed by itself (a session was lost), from any thread: a terminal shows it at once. */
    default void prompt(String prompt) {
        // no prompt to change without a terminal
    }

    /** Where Groovy's {@code println} goes. */
    PrintWriter writer();
}
