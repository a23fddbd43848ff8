package dev.mtk.script;

import dev.mtk.internal.InputFiles;
import dev.mtk.plugin.Registry;
import dev.mtk.session.SeedHandler;
import dev.mtk.spi.Handler;
import groovy.lang.Binding;
import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import groovy.lang.Script;
import groovy.transform.ThreadInterrupt;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

/** Compiles and runs scripts, turning what goes wrong into a {@link ScriptError} with the script's file and line. */
public final class Scripts {
    private Scripts() {
    }

    /**
     * Runs a scenario script to the end, then closes what it opened.
     *
     * @throws ScriptError exit 2 when it cannot be read or compiled, exit 1 when it fails
     */
    public static void runScenario(Path file, List<String> args, Registry codecs) throws ScriptError {
        ScriptName name = ScriptName.of(file);
        try (Scenario scenario = Scenario.compile(file, args, codecs, false)) {
            scenario.iterate(0, 0, StepObserver.NONE);
        } catch (ScriptError e) {
            throw e;
        } catch (Throwable e) {
            throw new ScriptError(ScriptErrors.describe(e, name), ScriptError.FAILED, e);
        }
    }

    /**
     * A behaviour made by running a behaviour script's top level once.
     *
     * @throws ScriptError exit 2 when it cannot be read or compiled, exit 1 when its top level fails
     */
    public static Handler loadBehaviour(Path file) throws ScriptError {
        return loadBehaviour(file, new SeedHandler());
    }

    /**
     * The behaviour in {@code file}, doing what {@code fallback} does where the script gives no callback: the
     * handler of the server's exchange ({@code echo} under {@code reply}), so that a script with only
     * {@code onOpen} does not answer a request with the seed's acknowledgement.
     *
     * @throws ScriptError as {@link #loadBehaviour(Path)}
     */
    public static Handler loadBehaviour(Path file, Handler fallback) throws ScriptError {
        return behaviour(compile(file, BehaviourScript.class), ScriptName.of(file), fallback);
    }

    /**
     * The behaviour in the script text {@code source}, which reports name {@code name} ({@code kv.groovy:3:7: ...}),
     * doing what {@code fallback} does where the script gives no callback: what an embedding test or the admin API
     * hands over instead of a file.
     *
     * @throws ScriptError exit 2 when it does not compile, one {@code NAME:LINE:COLUMN: message} line per error; exit 1
     *         when its top level fails
     */
    public static Handler loadBehaviour(String source, String name, Handler fallback) throws ScriptError {
        ScriptName named = new ScriptName(name, name);
        return behaviour(compileText(source, named, BehaviourScript.class), named, fallback);
    }

    private static Handler behaviour(Class<? extends Script> type, ScriptName name, Handler fallback)
            throws ScriptError {
        try {
            SharedState shared = new SharedState();
            BehaviourSpec spec = new BehaviourSpec(shared, name);
            BehaviourScript script = (BehaviourScript) instantiate(type, new Binding(), name);
            script.attach(spec, shared);
            script.run();
            return spec.build(fallback);
        } catch (ScriptError e) {
            throw e;
        } catch (Throwable e) {
            throw new ScriptError(ScriptErrors.describe(e, name), ScriptError.FAILED, e);
        }
    }

    /**
     * How user code (a script, bench's {@code --expect} closure) is compiled: {@code System.exit} refused, and loops
     * and closures made interruptible. A callback running past its time is interrupted; the checks
     * {@link ThreadInterrupt} adds at each loop and closure turn that interrupt into an InterruptedException, so even
     * {@code while (true) {}} ends.
     */
    public static CompilerConfiguration userCode() {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setSourceEncoding("UTF-8");
        config.addCompilationCustomizers(new ProcessExitCheck(), new ASTTransformationCustomizer(ThreadInterrupt.class));
        return config;
    }

    static Class<? extends Script> compile(Path file, Class<? extends Script> base) throws ScriptError {
        String notAFile = InputFiles.notAFile(file);
        if (notAFile != null) {
            throw new ScriptError(notAFile.equals(InputFiles.MISSING) ? "no such script: " + file
                    : "cannot read script " + file + ": " + notAFile, ScriptError.USAGE, null);
        }
        try {
            return compileText(InputFiles.readText(file), ScriptName.of(file), base);
        } catch (InputFiles.NotTextException e) {
            throw new ScriptError(e.getMessage(), ScriptError.USAGE, e);
        } catch (IOException e) {
            throw new ScriptError("cannot read " + file + ": " + e.getMessage(), ScriptError.USAGE, e);
        }
    }

    /** Compiles {@code source}, its classes named by {@code name}'s file name and its errors by the name shown. */
    @SuppressWarnings("unchecked")
    private static Class<? extends Script> compileText(String source, ScriptName name, Class<? extends Script> base)
            throws ScriptError {
        CompilerConfiguration config = userCode();
        config.setScriptBaseClass(base.getName());
        // Not closed: a script may compile more classes while it runs (evaluate, new closures of GStrings).
        GroovyClassLoader loader = new GroovyClassLoader(Scripts.class.getClassLoader(), config);
        try {
            return (Class<? extends Script>) loader.parseClass(
                    new GroovyCodeSource(source, name.fileName(), "/groovy/script"), false);
        } catch (MultipleCompilationErrorsException e) {
            throw new ScriptError(compileErrors(e, name.shown()), ScriptError.USAGE, e);
        } catch (CompilationFailedException e) {
            throw new ScriptError(name.shown() + ": " + e.getMessage(), ScriptError.USAGE, e);
        }
    }

    static Script instantiate(Class<? extends Script> type, Binding binding, ScriptName name) throws ScriptError {
        try {
            Script script = type.getDeclaredConstructor().newInstance();
            script.setBinding(binding);
            return script;
        } catch (ReflectiveOperationException e) {
            throw new ScriptError(name.shown() + ": cannot start the script: " + e, ScriptError.FAILED, e);
        }
    }

    /** One {@code FILE:LINE:COLUMN: message} line per error. */
    private static String compileErrors(MultipleCompilationErrorsException failure, String file) {
        List<String> lines = new ArrayList<>();
        for (Message message : failure.getErrorCollector().getErrors()) {
            if (message instanceof SyntaxErrorMessage syntax) {
                SyntaxException cause = syntax.getCause();
                lines.add(file + ":" + cause.getLine() + ":" + cause.getStartColumn() + ": " + cause.getOriginalMessage());
            } else if (message instanceof ExceptionMessage exception) {
                lines.add(file + ": " + exception.getCause().getMessage());
            } else {
                lines.add(file + ": " + message);
            }
        }
        return String.join("\n", lines);
    }
}
