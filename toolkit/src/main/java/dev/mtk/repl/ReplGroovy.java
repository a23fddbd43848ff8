package dev.mtk.repl;

import dev.mtk.internal.InputFiles;
import dev.mtk.script.ScriptFailure;
import dev.mtk.session.SessionException;
import groovy.lang.Binding;
import groovy.lang.GroovyCodeSource;
import groovy.lang.GroovyShell;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.runtime.powerassert.PowerAssertionError;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * Groovy in the REPL: one shell and one {@link Binding} for the REPL's life, used from its own thread only (a
 * binding is not thread-safe). {@code = EXPRESSION} and {@code load FILE} both run against it, so what one assigns
 * the other sees.
 */
final class ReplGroovy {
    private static final String EXPRESSION = "expression";

    private final Commands commands;
    private final Binding binding = new Binding();
    private final GroovyShell shell;
    private int evaluated;

    ReplGroovy(Commands commands, Map<Integer, ReplSession> sessions, PrintWriter out) {
        this.commands = commands;
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(ReplScript.class.getName());
        config.setSourceEncoding("UTF-8");
        this.shell = new GroovyShell(ReplGroovy.class.getClassLoader(), binding, config);
        binding.setVariable("sessions", sessions);
        binding.setVariable("session", null);
        // Script.println writes to the binding's 'out' when there is one: through the REPL, above the prompt.
        binding.setVariable("out", out);
    }

    /** Keeps {@code session} the current session. */
    void current(ReplSession session) {
        binding.setVariable("session", session);
    }

    /** Evaluates {@code code}; returns its value. */
    Object evaluate(String code) {
        evaluated++;
        Script script;
        try {
            script = shell.parse(new GroovyCodeSource(code, EXPRESSION + evaluated + ".groovy", "/groovy/shell"));
        } catch (MultipleCompilationErrorsException e) {
            throw new ReplFailure(compileErrors(e, null));
        } catch (CompilationFailedException e) {
            throw new ReplFailure(e.getMessage());
        }
        return run(script, null);
    }

    /** Runs the script in {@code file}. */
    void load(Path file) {
        String notAFile = InputFiles.notAFile(file);
        if (notAFile != null) {
            throw new ReplFailure(notAFile.equals(InputFiles.MISSING) ? "no such script: " + file
                    : "cannot read script " + file + ": " + notAFile);
        }
        Script script;
        try {
            script = shell.parse(new GroovyCodeSource(InputFiles.readText(file), file.getFileName().toString(), "/groovy/script"));
        } catch (MultipleCompilationErrorsException e) {
            throw new ReplFailure(compileErrors(e, file));
        } catch (CompilationFailedException e) {
            throw new ReplFailure(file + ": " + e.getMessage());
        } catch (InputFiles.NotTextException e) {
            throw new ReplFailure(e.getMessage());
        } catch (IOException e) {
            throw new ReplFailure("cannot read " + file + ": " + e.getMessage());
        }
        run(script, file);
    }

    private Object run(Script script, Path file) {
        ((ReplScript) script).attach(commands);
        try {
            return script.run();
        } catch (Throwable e) {
            String where = file == null ? "" : location(e, file) + ": ";
            throw new ReplFailure(where + what(e), e);
        } finally {
            commands.output().writer().flush();
        }
    }

    /** The failure without a stack: an assertion's diagram, a failure's message, else the exception. */
    private static String what(Throwable failure) {
        if (failure instanceof PowerAssertionError) {
            return "assertion failed:\n" + failure.getMessage();
        }
        if (failure instanceof AssertionError) {
            return "assertion failed: " + failure.getMessage();
        }
        if (failure instanceof ReplFailure || failure instanceof ScriptFailure || failure instanceof SessionException) {
            return failure.getMessage();
        }
        // A typo is the commonest failure at a prompt: say which name, not Groovy's exception class.
        if (failure instanceof MissingPropertyException missing) {
            return "no such property: " + missing.getProperty() + on(missing.getType());
        }
        if (failure instanceof MissingMethodException missing) {
            List<String> types = new ArrayList<>();
            for (Object argument : missing.getArguments()) {
                types.add(argument == null ? "null" : argument.getClass().getSimpleName());
            }
            return "no such method: " + missing.getMethod() + "(" + String.join(", ", types) + ")" + on(missing.getType());
        }
        String message = failure.getMessage();
        return failure.getClass().getName() + (message == null ? "" : ": " + message);
    }

    /** {@code  on TYPE} for a property or method looked up on a value; nothing when the expression itself lacked it. */
    private static String on(Class<?> type) {
        return type == null || Script.class.isAssignableFrom(type) ? "" : " on " + type.getSimpleName();
    }

    /** {@code FILE:LINE}, the line being the deepest of the script's frames on the stack. */
    private static String location(Throwable failure, Path file) {
        String name = file.getFileName().toString();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (name.equals(frame.getFileName()) && frame.getLineNumber() > 0) {
                    return file + ":" + frame.getLineNumber();
                }
            }
        }
        return file.toString();
    }

    /** One {@code FILE:LINE:COLUMN: message} line per error ({@code line L, column C: ...} for an expression). */
    private static String compileErrors(MultipleCompilationErrorsException failure, Path file) {
        List<String> lines = new ArrayList<>();
        for (Message message : failure.getErrorCollector().getErrors()) {
            if (message instanceof SyntaxErrorMessage syntax) {
                SyntaxException cause = syntax.getCause();
                lines.add((file == null ? "line " + cause.getLine() + ", column " + cause.getStartColumn()
                        : file + ":" + cause.getLine() + ":" + cause.getStartColumn()) + ": " + cause.getOriginalMessage());
            } else if (message instanceof ExceptionMessage exception) {
                lines.add((file == null ? "" : file + ": ") + exception.getCause().getMessage());
            } else {
                lines.add((file == null ? "" : file + ": ") + message);
            }
        }
        return String.join("\n", lines);
    }
}
