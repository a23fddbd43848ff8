package dev.mtk.cli;

import java.io.PrintStream;
import java.util.function.IntConsumer;

/**
 * The default handler for exceptions no thread caught. A thread that dies of a {@link VirtualMachineError} (out of
 * memory, an internal error) leaves a JVM that cannot be trusted: a server whose I/O thread died keeps its port open
 * and answers nothing. Such a JVM says so on one line, {@code mtk: fatal: <error> in thread <name>; exiting}, and
 * halts with {@link #EXIT_CODE} at once, without shutdown hooks that might need the memory it no longer has.
 * A {@link StackOverflowError} is one thread's recursion, not the JVM's state, and like every other exception goes to
 * the handler that was there before.
 */
final class FatalErrors implements Thread.UncaughtExceptionHandler {
    /** Not one of mtk's own codes (0, 1, 2): the process died. */
    static final int EXIT_CODE = 70;

    private final PrintStream err;
    private final IntConsumer halt;
    private final Thread.UncaughtExceptionHandler others;

    FatalErrors(PrintStream err, IntConsumer halt, Thread.UncaughtExceptionHandler others) {
        this.err = err;
        this.halt = halt;
        this.others = others;
    }

    /** Installs the handler for this JVM, in front of the one it had (or the thread group's). */
    static void install() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(new FatalErrors(System.err, Runtime.getRuntime()::halt,
                previous != null ? previous : (thread, error) -> thread.getThreadGroup().uncaughtException(thread, error)));
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        if (error instanceof VirtualMachineError && !(error instanceof StackOverflowError)) {
            err.println("mtk: fatal: " + error + " in thread " + thread.getName() + "; exiting");
            err.flush();
            halt.accept(EXIT_CODE);
            return;
        }
        others.uncaughtException(thread, error);
    }
}
