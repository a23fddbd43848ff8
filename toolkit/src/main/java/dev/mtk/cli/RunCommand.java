package dev.mtk.cli;

import dev.mtk.script.ScriptError;
import dev.mtk.script.Scripts;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code mtk run FILE.groovy [args...]}: runs a scenario script. Exit 0 when it completes, 1 when an assertion or
 * expectation fails (with the script's file and line), 2 when it cannot be compiled or found.
 */
final class RunCommand implements Command {

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "run a Groovy scenario script: servers, clients, sends, expectations, assertions";
    }

    @Override
    public String arguments() {
        return "[options] FILE.groovy [args...]";
    }

    /** Words after the script are its own, options included. */
    @Override
    public boolean stopsAtArguments() {
        return true;
    }

    @Override
    public List<String> examples() {
        return List.of("mtk run scripts/scenario-assert.groovy 127.0.0.1:7373   # a CI check of a server",
                "mtk run -q scripts/scenario-assert.groovy 127.0.0.1:7373");
    }

    @Override
    public boolean takesArguments() {
        return true;
    }

    @Override
    public Options options() {
        Options options = new Options();
        CommonOptions.addPlugins(options);
        options.addOption(Option.builder("q").longOpt(CommonOptions.QUIET).desc("no per-message log lines").get());
        return CommonOptions.addDebugAndHelp(options);
    }

    @Override
    public int run(CommandLine line, Console console) throws ScriptError {
        List<String> words = line.getArgList();
        if (words.isEmpty()) {
            throw new UsageException("no script given");
        }
        Scripts.runScenario(Path.of(words.get(0)), words.subList(1, words.size()), CommonOptions.codecs(line, console));
        return Mtk.OK;
    }
}
