package dev.mtk.script;

import dev.mtk.bench.shard.Shard;
import dev.mtk.plugin.Registry;
import groovy.lang.Binding;
import groovy.lang.Script;
import java.nio.file.Path;
import java.util.List;

/**
 * A scenario script compiled once and run as many iterations as asked: once by {@code mtk run}, over and over by the
 * virtual users of {@code mtk bench --scenario}. Each iteration is a fresh script instance (its own variables and
 * sessions, closed when it ends) over the one run-wide context: the clients' I/O threads, {@code shared}, and, under
 * load, the servers the script starts.
 *
 * <p>Thread-safe: users call {@link #iterate} at once from their own threads.
 */
public final class Scenario implements AutoCloseable {
    private final Class<? extends Script> type;
    private final ScriptName name;
    private final Path folder;
    private final List<String> args;
    private final ScriptContext context;

    private Scenario(Class<? extends Script> type, Path file, List<String> args, ScriptContext context) {
        this.type = type;
        this.name = ScriptName.of(file);
        Path parent = file.toAbsolutePath().getParent();
        this.folder = parent == null ? Path.of("").toAbsolutePath() : parent;
        this.args = List.copyOf(args);
        this.context = context;
        context.folder(folder);
    }

    /**
     * Compiles {@code file}.
     *
     * @param load whether this is a load run: then {@code server(...)} with the same options starts one server
     *             for every user, and stays up until {@link #close()}
     * @throws ScriptError exit 2 when it cannot be read or compiled, with {@code FILE:LINE:COLUMN}
     */
    public static Scenario compile(Path file, List<String> args, Registry codecs, boolean load) throws ScriptError {
        Class<? extends Script> type = Scripts.compile(file, ScenarioScript.class);
        return new Scenario(type, file, args, new ScriptContext(codecs, ScriptName.of(file), load));
    }

    /** The script's file name, as reports name the scenario. */
    public String fileName() {
        return name.fileName();
    }

    /** The folder the script is in: what its data files are relative to. */
    public Path folder() {
        return folder;
    }

    /**
     * Runs one iteration on this thread, with the variables {@code user} and {@code iteration}, and closes the
     * sessions it opened.
     *
     * @throws Throwable whatever the script threw; a failed step's failure names the step
     */
    public void iterate(long user, long iteration, StepObserver steps) throws Throwable {
        Binding binding = new Binding();
        binding.setVariable("args", args);
        binding.setVariable("user", user);
        binding.setVariable(ScenarioScript.ITERATION, iteration);
        ScenarioScript script = (ScenarioScript) Scripts.instantiate(type, binding, name);
        script.attach(context, steps, user);
        try {
            script.run();
        } finally {
            script.closeOpened();
        }
    }

    /** {@code FILE:LINE: what happened}, as {@code mtk run} reports a failure. */
    public String describe(Throwable failure) {
        return ScriptErrors.describe(failure, name);
    }

    /** The same on one line, as a load report shows its first failure of each kind. */
    public String describeBriefly(Throwable failure) {
        return ScriptErrors.oneLine(failure, name);
    }

    /**
     * This run is {@code shard} of the load, its users numbered from {@code firstUser}: {@code feed} deals this shard
     * its rows, and gives its first user the shard's first row.
     */
    public void deal(Shard shard, long firstUser) {
        context.deal(shard, firstUser);
    }

    /** The run is ending: pauses end at once, so that users finish their iterations promptly. */
    public void stop() {
        context.stop();
    }

    /** Closes the clients and the servers of the whole run. */
    @Override
    public void close() {
        context.close();
    }
}
