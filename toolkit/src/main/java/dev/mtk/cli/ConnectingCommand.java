package dev.mtk.cli;

/**
 * A command that connects to one server ({@code client}, {@code bench}, {@code repl}): given as its one
 * {@code HOST:PORT} argument or as {@code -H} and {@code -p}, read by {@link CommonOptions#connectTo}.
 */
interface ConnectingCommand extends Command {

    @Override
    default String arguments() {
        return "[HOST:PORT] [options]";
    }

    @Override
    default boolean takesArguments() {
        return true;
    }
}
