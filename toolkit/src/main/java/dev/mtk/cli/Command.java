package dev.mtk.cli;

import java.util.List;
import java.util.Map;
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

    /** Whether words besides the options are the command's (an address, a file), not errors. */
    default boolean takesArguments() {
        return false;
    }

    /**
     * Whether everything after the first word that is not an option is that word's (a script's own arguments), so
     * options there are not the command's. Otherwise options may come before or after the words.
     */
    default boolean stopsAtArguments() {
        return false;
    }

    /**
     * Commands reached through this one by their name as its first word ({@code mtk bench merge ...}), each with its
     * own options and {@code --help}; {@link Command#name()} of each is the whole phrase, {@code bench merge}.
     */
    default Map<String, Command> subcommands() {
        return Map.of();
    }

    /** Two or three command lines for the end of {@code --help}, each with a comment saying what it does. */
    List<String> examples();

    /** Runs the command; returns the exit code. */
    int run(CommandLine line, Console console) throws Exception;
}
