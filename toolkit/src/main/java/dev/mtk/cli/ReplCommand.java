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
final class ReplCommand implements ConnectingCommand {
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
    public List<String> examples() {
        return List.of("mtk repl 127.0.0.1:7373                 # connect, then type send, ack, help",
                "mtk repl [::1]:7373 --tls --insecure",
                "mtk repl 127.0.0.1:7373 < check.mtk     # the same commands from a file; exit 1 on a failure");
    }

    @Override
    public Options options() {
        Options options = CommonOptions.addClientTls(CommonOptions.addSpeaking(CommonOptions.addAddress(new Options())));
        options.addOption(Option.builder().longOpt(TIMEOUT).hasArg().argName("DURATION")
                .desc("how long to wait to connect, and for expect, exchange and a correlated send's reply, e.g. 5, "
                        + "0.5, 500ms (default 5)").get());
        options.addOption(Option.builder().longOpt(HISTORY).hasArg().argName("FILE")
                .desc("where to keep the history of typed lines (default ~/.mtk_history)").get());
        options.addOption(Option.builder().longOpt(NO_HISTORY).desc("keep no history file").get());
        return CommonOptions.addDebugAndHelp(options);
    }

    @Override
    public int run(CommandLine line, Console console) throws Exception {
        boolean connect = !line.getArgList().isEmpty() || line.hasOption(CommonOptions.HOST)
                || line.hasOption(CommonOptions.PORT);
        String address = connect ? CommonOptions.connectTo(line).toString() : null;
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
                timeout, address, history, line.hasOption(CommonOptions.DEBUG),
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
