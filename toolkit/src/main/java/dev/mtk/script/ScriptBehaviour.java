package dev.mtk.script;

import dev.mtk.session.Behaviour;
import dev.mtk.session.Message;
import dev.mtk.session.SeedBehaviour;
import dev.mtk.session.ServerSession;

/**
 * A behaviour made of a script's callbacks. Callbacks the script did not give fall back to the seed's behaviour; a
 * callback that throws is reported with the script's file and line and closes that session (unless the script's
 * {@code onError} takes it).
 */
final class ScriptBehaviour implements Behaviour {
    private static final Behaviour SEED = new SeedBehaviour();

    private final CallbackScope scope;
    private final ScriptName script;
    private final Callback open;
    private final Callback message;
    private final Callback close;
    private final Callback idle;
    private final Callback error;

    ScriptBehaviour(CallbackScope scope, ScriptName script, Callback open, Callback message, Callback close, Callback idle,
            Callback error) {
        this.scope = scope;
        this.script = script;
        this.open = open;
        this.message = message;
        this.close = close;
        this.idle = idle;
        this.error = error;
    }

    @Override
    public void onOpen(ServerSession session) throws Exception {
        if (open != null) {
            run(open, session);
        }
    }

    /**
     * The client's confirmation ({@code ok}) closes the seed's exchange rather than asking for anything, so it is
     * logged as the seed's server logs it and not handed to {@code onMessage}.
     */
    @Override
    public void onMessage(ServerSession session, Message received) throws Exception {
        if (message != null && session.profile().isConfirmation(received)) {
            return;
        }
        if (message != null) {
            run(message, session, new ScriptMessage(received));
        } else {
            SEED.onMessage(session, received);
        }
    }

    @Override
    public void onClose(ServerSession session) throws Exception {
        if (close != null) {
            run(close, session);
        } else {
            SEED.onClose(session);
        }
    }

    @Override
    public void onIdle(ServerSession session) throws Exception {
        if (idle != null) {
            run(idle, session);
        } else {
            Behaviour.super.onIdle(session);
        }
    }

    @Override
    public void onError(ServerSession session, Exception failure) {
        String report = ScriptErrors.describe(failure, script);
        if (error == null) {
            session.closeWithReason("script failed at " + report);
            return;
        }
        try {
            run(error, session, failure);
        } catch (Exception e) {
            session.closeWithReason("script failed at " + report + ", then its onError failed at "
                    + ScriptErrors.describe(e, script));
        }
    }

    private void run(Callback callback, ServerSession session, Object... arguments) throws Exception {
        scope.enter(ScriptSession.of(session));
        try {
            callback.call(arguments);
        } finally {
            scope.exit();
        }
    }
}
