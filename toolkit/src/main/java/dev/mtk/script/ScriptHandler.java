package dev.mtk.script;

import dev.mtk.session.CallbackSite;
import dev.mtk.session.SharedStateOwner;
import dev.mtk.spi.Conversation;
import dev.mtk.spi.Handler;
import dev.mtk.spi.Received;

/**
 * A handler made of a script's callbacks. Callbacks the script did not give fall back to the handler of the server's
 * exchange (the seed's, {@code echo} under {@code reply}); a
 * callback that throws is reported with the script's file and line and closes that session (unless the script's
 * {@code onError} takes it).
 */
final class ScriptHandler implements Handler, CallbackSite, SharedStateOwner {
    private final Handler fallback;
    private final CallbackScope scope;
    private final ScriptName script;
    private final Callback open;
    private final Callback message;
    private final Callback close;
    private final Callback idle;
    private final Callback error;

    ScriptHandler(CallbackScope scope, ScriptName script, Handler fallback, Callback open, Callback message, Callback close, Callback idle,
            Callback error) {
        this.scope = scope;
        this.script = script;
        this.fallback = fallback;
        this.open = open;
        this.message = message;
        this.close = close;
        this.idle = idle;
        this.error = error;
    }

    /** The script's {@code shared}, which a server's reset clears with the server's own shared state. */
    @Override
    public void clearShared() {
        scope.getShared().clear();
    }

    @Override
    public void onOpen(Conversation session) throws Exception {
        if (open != null) {
            run(open, session);
        }
    }

    /**
     * The script's {@code onMessage}, else the fallback's. The seed's confirmations never arrive here: the server
     * consumes them ({@link dev.mtk.session.SeedExchange}).
     */
    @Override
    public void onMessage(Conversation session, Received received) throws Exception {
        if (message != null) {
            run(message, session, new ScriptMessage(received));
        } else {
            fallback.onMessage(session, received);
        }
    }

    @Override
    public void onClose(Conversation session) throws Exception {
        if (close != null) {
            run(close, session);
        } else {
            fallback.onClose(session);
        }
    }

    @Override
    public void onIdle(Conversation session) throws Exception {
        if (idle != null) {
            run(idle, session);
        } else {
            Handler.super.onIdle(session);
        }
    }

    @Override
    public void onError(Conversation session, Throwable failure) {
        String report = ScriptErrors.describe(failure, script);
        if (error == null) {
            session.close("script failed at " + report);
            return;
        }
        try {
            run(error, session, failure);
        } catch (Throwable e) {
            session.close("script failed at " + report + ", then its onError failed at "
                    + ScriptErrors.describe(e, script));
        }
    }

    /** {@code FILE:LINE} of the script where a thread running one of its callbacks is now. */
    @Override
    public String locate(StackTraceElement[] stack) {
        int line = ScriptErrors.line(stack, script);
        return line > 0 ? script.shown() + ":" + line : null;
    }

    private void run(Callback callback, Conversation session, Object... arguments) throws Exception {
        scope.enter(ScriptSession.of(session));
        try {
            callback.call(arguments);
        } finally {
            scope.exit();
        }
    }
}
