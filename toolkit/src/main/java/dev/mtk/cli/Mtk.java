package dev.mtk.cli;

import dev.mtk.repl.Closest;
import dev.mtk.script.ScriptError;
import dev.mtk.session.SessionException;
import dev.mtk.spi.PayloadException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.ParseException;

/**
 * The {@code mtk} command line: picks the command, parses its options, runs it, and turns every failure into one line
 * on standard error and an exit code: 0 success, 1 runtime failure, 2 usage error.
 */
public final class Mtk {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final Console console;
    private final Map<String, Command> commands = new LinkedHashMap<>();

    /**
     * @param console the streams to talk through
     * @param stop    stops a running server (the launcher's shutdown hook uses it on SIGINT and SIGTERM)
     */
    public Mtk(Console console, StopSignal stop) {
        this.console = console;
        for (Command command : new Command[] {new ServerCommand(stop), new ClientCommand(), new DemoCommand(), new RunCommand(),
            new ReplCommand(), new BenchCommand(stop), new PluginsCommand(),
            new ProxyCommand(stop), new ReplayCommand(stop), new DissectorCommand()}) {
            commands.put(command.name(), command);
        }
    }

    /** The commands, in the order {@code mtk --help} lists them. */
    java.util.Collection<Command> commands() {
        return commands.values();
    }

    public int run(String... args) {
        if (args.length == 0) {
            console.err().println("mtk: no command given");
            printUsage(console.err());
            return USAGE;
        }
        String first = args[0];
        if (first.equals("help") && args.length > 1) {
            Command command = command(args[1]);
            if (command == null) {
                return USAGE;
            }
            // mtk help bench merge: a subcommand's own help, as mtk bench merge --help gives it.
            if (args.length > 2 && command.subcommands().containsKey(args[2])) {
                command = command.subcommands().get(args[2]);
            }
            Help.print(command, console.out(), Help.width(console));
            return OK;
        }
        if (first.equals("-h") || first.equals("--help") || first.equals("help")) {
            printUsage(console.out());
            return OK;
        }
        if (first.equals("-V") || first.equals("--version")) {
            console.out().println("mtk " + dev.mtk.internal.MtkVersion.current());
            return OK;
        }
        Command command = command(first);
        if (command == null) {
            return USAGE;
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        if (rest.length > 0 && command.subcommands().containsKey(rest[0])) {
            command = command.subcommands().get(rest[0]);
            rest = java.util.Arrays.copyOfRange(rest, 1, rest.length);
        }
        CommandLine line;
        try {
            // Quotes are kept: -e '"hello"' is the JSON string "hello", not the bare word hello.
            line = DefaultParser.builder().setStripLeadingAndTrailingQuotes(false).get()
                    .parse(command.options(), rest, command.stopsAtArguments());
        } catch (ParseException e) {
            return usageError(command, lowerFirst(e.getMessage()));
        }
        if (line.hasOption(CommonOptions.HELP)) {
            Help.print(command, console.out(), Help.width(console));
            return OK;
        }
        if (!command.takesArguments() && !line.getArgList().isEmpty()) {
            return usageError(command, "unexpected argument '" + line.getArgList().get(0) + "'");
        }
        Logging.conversation(line.hasOption(CommonOptions.QUIET));
        try {
            return command.run(line, console);
        } catch (UsageException e) {
            return usageError(command, e.getMessage());
        } catch (ScriptError e) {
            console.err().println(e.exitCode() == USAGE ? "mtk " + command.name() + ": " + e.getMessage() : e.getMessage());
            if (line.hasOption(CommonOptions.DEBUG) && e.getCause() != null) {
                e.getCause().printStackTrace(console.err());
            }
            return e.exitCode();
        } catch (PayloadException e) {
            return usageError(command, e.getMessage());
        } catch (SessionException e) {
            console.err().println("mtk: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            console.err().println("mtk: interrupted");
            return FAILED;
        } catch (Exception e) {
            console.err().println("mtk: internal error: " + e + (line.hasOption(CommonOptions.DEBUG) ? "" : " (--debug shows where)"));
            if (line.hasOption(CommonOptions.DEBUG)) {
                e.printStackTrace(console.err());
            }
            return FAILED;
        } finally {
            console.out().flush();
        }
    }

    /** The command named {@code name}; else {@code null}, having said so with the closest name, if one is close. */
    private Command command(String name) {
        Command command = commands.get(name);
        if (command == null) {
            console.err().println("mtk: unknown command '" + name + "'" + Closest.to(name, commands.keySet())
                    .map(known -> "; did you mean '" + known + "'?")
                    .orElse(" (commands: " + String.join(", ", commands.keySet()) + ")"));
            console.err().println("Run 'mtk --help' for usage.");
        }
        return command;
    }

    /** One line saying what is wrong and where the help is: the whole help would push the line off the screen. */
    private int usageError(Command command, String message) {
        console.err().println("mtk " + command.name() + ": " + message);
        console.err().println("Run 'mtk " + command.name() + " --help' for usage.");
        return USAGE;
    }

    private void printUsage(java.io.PrintStream stream) {
        int width = Help.width(console);
        int name = 0;
        for (String command : commands.keySet()) {
            name = Math.max(name, command.length());
        }
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add("usage: mtk <command> [options]");
        lines.add("");
        lines.addAll(Help.wrap("mtk talks to, imitates, tests and loads services that speak length-prefixed TCP "
                + "protocols: a frame (--framing) around a JSON, text or binary body (--payload), in an exchange "
                + "(--exchange): request and reply, paired by an id in any order (--correlate), one way, or the "
                + "seed's three steps. A profile names all three: json (the default, the seed's exchange over Headers "
                + "frames), seed (its bytes exactly) or reply (a 4-byte length, JSON, request and reply).",
                width, "", ""));
        lines.add("");
        lines.add("commands:");
        String indent = " ".repeat(name + 4);
        for (Command command : commands.values()) {
            String head = "  " + command.name() + " ".repeat(name - command.name().length() + 2);
            java.util.List<String> summary = Help.wrap(command.summary(), width, indent, indent);
            summary.set(0, head + summary.get(0).substring(head.length()));
            lines.addAll(summary);
        }
        lines.add("");
        lines.add("  mtk --version        print the version");
        lines.add("  mtk help <command>   help for one command (also mtk <command> -h)");
        lines.add("");
        lines.add("exit codes: 0 success, 1 runtime failure, 2 usage error");
        for (String line : lines) {
            stream.println(line);
        }
        stream.flush();
    }

    private static String lowerFirst(String message) {
        return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
}
