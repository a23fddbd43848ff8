package dev.mtk.cli;

import dev.mtk.plugin.Registry;
import dev.mtk.repl.Repl;
import dev.mtk.repl.ReplConfig;
import dev.mtk.session.Profile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code mtk repl [HOST:PORT]}: the interactive shell over live sessions when standard input is a terminal; the same
 * commands read line by line from standard input otherwise, exiting 1 when one failed.
 */
final class ReplCommand implements Command {
    private static final String TIMEOUT = "timeout";
    private static final String HISTORY = "history";
    private static final String NO_HISTORY = "no-history";

    @Override
    public String name() {
        return "repl";
    }

    @Override
    public String summary() {
        return "an interactive shell: connect, send, expect, see frames as they arrive";
    }

    @Override
    public String arguments() {
        return "[options] [HOST:PORT]";
    }

    @Override
    public boolean takesArguments() {
        return true;
    }

    @Override
    public Options options() {
        Options options = CommonOptions.addTls(CommonOptions.addSpeaking(new Options()));
        options.addOption(Option.builder().longOpt(TIMEOUT).hasArg().argName("SECONDS")
                .desc("how long to wait to connect, and for expect and exchange, e.g. 5, 0.5, 500ms (default 5)").get());
        options.addOption(Option.builder().longOpt(HISTORY).hasArg().argName("FILE")
                .desc("where to keep the history of typed lines (default ~/.mtk_history)").get());
        options.addOption(Option.builder().longOpt(NO_HISTORY).desc("keep no history file").get());
        options.addOption(Option.builder().longOpt(CommonOptions.DEBUG).desc("stack traces for internal errors").get());
        options.addOption(Option.builder("h").longOpt(CommonOptions.HELP).desc("show this help").get());
        return options;
    }

    @Override
    public int run(CommandLine line, Console console) throws Exception {
        List<String> words = line.getArgList();
        if (words.size() > 1) {
            throw new UsageException("unexpected argument '" + words.get(1) + "' (give at most one HOST:PORT)");
        }
        if (line.hasOption(HISTORY) && line.hasOption(NO_HISTORY)) {
            throw new UsageException("give --history FILE or --no-history, not both");
        }
        Registry codecs = CommonOptions.codecs(line, console);
        Profile profile = CommonOptions.profile(line, codecs);
        Duration timeout = line.hasOption(TIMEOUT) ? OptionValues.duration("--" + TIMEOUT, line.getOptionValue(TIMEOUT))
                : ReplConfig.DEFAULT_TIMEOUT;
        Path history = line.hasOption(NO_HISTORY) ? null
                : line.hasOption(HISTORY) ? Path.of(line.getOptionValue(HISTORY)) : ReplConfig.defaultHistory();
        ReplConfig config = new ReplConfig(profile, codecs, CommonOptions.limits(line),
                timeout, words.isEmpty() ? null : words.get(0), history, line.hasOption(CommonOptions.DEBUG),
                CommonOptions.tls(line, console));
        Logging.off();
        if (!console.stdinTerminal()) {
            return Repl.lines(config, console.in(), console.out(), console.err());
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("mtk").build()) {
            return Repl.interactive(config, terminal);
        }
    }
}
