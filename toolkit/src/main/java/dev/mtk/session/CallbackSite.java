package dev.mtk.session;

/**
 * Where in its own source a handler is, seen from the stack of a thread running one of its callbacks: what the
 * handler timeout's log line names. A behaviour script answers with its {@code FILE:LINE}.
 */
public interface CallbackSite {

    /** {@code scripts/loop.groovy:3}, or {@code null} when no frame on {@code stack} is the handler's own. */
    String locate(StackTraceElement[] stack);
}
