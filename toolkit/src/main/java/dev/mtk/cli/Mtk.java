package dev.mtk.cli;

import dev.mtk.script.ScriptError;
import dev.mtk.session.SessionException;
import dev.mtk.spi.PayloadException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
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
            new ReplCommand(), new BenchCommand(), new PluginsCommand(),
            new ProxyCommand(stop), new ReplayCommand(stop), new DissectorCommand()}) {
            commands.put(command.name(), command);
        }
    }

    public int run(String... args) {
        if (args.length == 0) {
            console.err().println("mtk: no command given");
            printUsage(console.err());
            return USAGE;
        }
        String first = args[0];
        if (first.equals("-h") || first.equals("--help") || first.equals("help")) {
            printUsage(console.out());
            return OK;
        }
        if (first.equals("-V") || first.equals("--version")) {
            console.out().println("mtk " + dev.mtk.internal.MtkVersion.current());
            return OK;
        }
        Command command = commands.get(first);
        if (command == null) {
            console.err().println("mtk: unknown command '" + first + "' (commands: "
                    + String.join(", ", commands.keySet()) + ")");
            console.err().println("Run 'mtk --help' for usage.");
            return USAGE;
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        CommandLine line;
        try {
            line = new DefaultParser().parse(command.options(), rest, command.takesArguments());
        } catch (ParseException e) {
            return usageError(command, lowerFirst(e.getMessage()), true);
        }
        if (line.hasOption(CommonOptions.HELP)) {
            printUsage(command, console.out());
            return OK;
        }
        if (!command.takesArguments() && !line.getArgList().isEmpty()) {
            return usageError(command, "unexpected argument '" + line.getArgList().get(0) + "'", true);
        }
        Logging.conversation(line.hasOption(CommonOptions.QUIET));
        try {
            return command.run(line, console);
        } catch (UsageException e) {
            return usageError(command, e.getMessage(), e.showUsage());
        } catch (ScriptError e) {
            console.err().println(e.exitCode() == USAGE ? "mtk " + command.name() + ": " + e.getMessage() : e.getMessage());
            if (line.hasOption(CommonOptions.DEBUG) && e.getCause() != null) {
                e.getCause().printStackTrace(console.err());
            }
            return e.exitCode();
        } catch (PayloadException e) {
            return usageError(command, e.getMessage(), false);
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

    private int usageError(Command command, String message, boolean showUsage) {
        console.err().println("mtk " + command.name() + ": " + message);
        if (showUsage) {
            printUsage(command, console.err());
        } else {
            console.err().println("Run 'mtk " + command.name() + " --help' for usage.");
        }
        return USAGE;
    }

    private void printUsage(java.io.PrintStream stream) {
        PrintWriter out = new PrintWriter(stream);
        out.println("usage: mtk <command> [options]");
        out.println();
        out.println("mtk talks to, imitates and loads services that speak length-prefixed TCP protocols.");
        out.println();
        out.println("commands:");
        for (Command command : commands.values()) {
            out.printf("  %-8s %s%n", command.name(), command.summary());
        }
        out.println();
        out.println("  mtk --version      print the version");
        out.println("  mtk <command> -h   help for one command");
        out.println();
        out.println("exit codes: 0 success, 1 runtime failure, 2 usage error");
        out.flush();
    }

    private void printUsage(Command command, java.io.PrintStream stream) {
        PrintWriter out = new PrintWriter(stream);
        HelpFormatter help = new HelpFormatter();
        help.setOptionComparator(null);
        help.printHelp(out, 100, "mtk " + command.name() + " " + command.arguments(), command.summary() + "\n\n",
                command.options(), 2, 3, "");
        out.flush();
    }

    private static String lowerFirst(String message) {
        return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
}
