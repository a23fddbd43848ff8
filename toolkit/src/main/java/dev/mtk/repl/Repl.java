package dev.mtk.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;

/**
 * The REPL's two loops: on a terminal, jline reads and edits lines (history, completion, multi-line input) while
 * frames print above the prompt; without one, the lines of standard input run one after the other, plainly, and the
 * exit code says whether any failed. In both, nothing typed ends the REPL but {@code quit} and end of input.
 */
public final class Repl {
    /** Lines that continue a multi-line entry: {@code >} under the prompt's own. */
    private static final String CONTINUATION = "%P > ";

    private Repl() {
    }

    /** Runs on {@code terminal} until {@code quit} or Ctrl-D; returns the exit code, 0. */
    public static int interactive(ReplConfig config, Terminal terminal) {
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("mtk")
                .parser(new ReplParser())
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                // '!' and '\' are JSON, not history events: without this jline would expand or drop them.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        if (config.history() != null) {
            builder.variable(LineReader.HISTORY_FILE, config.history());
        }
        LineReader reader = builder.build();
        try (Commands commands = new Commands(config, new TerminalOutput(reader), Clock.systemDefaultZone())) {
            // The completer needs the sessions, which need the reader to print through: set once both exist.
            ((LineReaderImpl) reader).setCompleter(new ReplCompleter(commands));
            if (config.connect() != null) {
                attempt(commands, "connect " + config.connect(), "", terminal, config.debug());
            }
            while (true) {
                String line;
                try {
                    line = reader.readLine(commands.prompt());
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                if (attempt(commands, line, "", terminal, config.debug()) == Result.QUIT) {
                    break;
                }
            }
        } finally {
            save(reader);
        }
        return 0;
    }

    /** Runs each line of {@code in} (a line with open brackets goes on over the next); returns 1 if any failed. */
    public static int lines(ReplConfig config, InputStream in, PrintStream out, PrintStream err) {
        boolean failed = false;
        try (Commands commands = new Commands(config, new PlainOutput(out, err), Clock.systemDefaultZone())) {
            if (config.connect() != null) {
                failed = attempt(commands, "connect " + config.connect(), "", null, config.debug()) == Result.FAILED;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            StringBuilder entry = null;
            int number = 0;
            int first = 0;
            while (true) {
                String line = reader.readLine();
                if (line != null) {
                    number++;
                    if (entry == null) {
                        entry = new StringBuilder(line);
                        first = number;
                    } else {
                        entry.append('\n').append(line);
                    }
                    if (Brackets.open(entry) > 0) {
                        continue;
                    }
                }
                if (entry == null) {
                    break;
                }
                Result result = attempt(commands, entry.toString(), "line " + first + ": ", null, config.debug());
                entry = null;
                failed |= result == Result.FAILED;
                if (result == Result.QUIT || line == null) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
        return failed ? 1 : 0;
    }

    private enum Result { DONE, FAILED, QUIT }

    /**
     * Runs one entry; a failure is reported (prefixed with {@code where}) and never ends the REPL. On a terminal,
     * Ctrl-C while a command runs interrupts it instead of ending the JVM.
     */
    private static Result attempt(Commands commands, String entry, String where, Terminal terminal, boolean debug) {
        Thread worker = Thread.currentThread();
        Terminal.SignalHandler previous = terminal == null ? null
                : terminal.handle(Terminal.Signal.INT, signal -> worker.interrupt());
        try {
            return commands.execute(entry) == Commands.Outcome.QUIT ? Result.QUIT : Result.DONE;
        } catch (ReplFailure e) {
            commands.output().error(where + e.getMessage());
            return Result.FAILED;
        } catch (Throwable e) {
            // Nothing typed may end the REPL: a bug, or a Groovy expression recursing away, is one line too.
            commands.output().error(where + "internal error: " + e + (debug ? "" : " (--debug shows where)"));
            if (debug) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                commands.output().print(trace.toString().stripTrailing());
            }
            return Result.FAILED;
        } finally {
            if (terminal != null) {
                terminal.handle(Terminal.Signal.INT, previous);
            }
            // An interrupt that came after the command finished must not cut the next read short.
            Thread.interrupted();
        }
    }

    private static void save(LineReader reader) {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            reader.printAbove("mtk repl: cannot save the history: " + e.getMessage());
        }
    }
}
