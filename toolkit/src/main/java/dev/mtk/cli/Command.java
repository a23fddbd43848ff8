package dev.mtk.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** One {@code mtk} command: its name, its options, and what it does. */
interface Command {

    String name();

    /** One line for {@code mtk --help}. */
    String summary();

    /** The argument part of the usage line, e.g. {@code [options]}. */
    default String arguments() {
        return "[options]";
    }

    Options options();

    /** Whether words after the options are the command's (a script and its arguments), not errors. */
    default boolean takesArguments() {
        return false;
    }

    /** Runs the command; returns the exit code. */
    int run(CommandLine line, Console console) throws Exception;
}
