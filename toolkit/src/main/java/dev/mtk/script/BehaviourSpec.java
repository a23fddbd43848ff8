package dev.mtk.script;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.transform.stc.ClosureParams;
import groovy.transform.stc.SimpleType;

/**
 * The verbs that define a server's behaviour: {@code onOpen}, {@code onMessage}, {@code onClose}, {@code onIdle},
 * {@code onError}. Any subset may be given; what is not falls back to the handler of the server's exchange (the seed's
 * acknowledgement, {@code echo} under {@code reply}, nothing under {@code oneway}). Inside each callback,
 * {@code reply}, {@code replyLater}, {@code acknowledge}, {@code close}, {@code log}, {@code session} and
 * {@code shared} are at hand ({@link CallbackScope}).
 */
public class BehaviourSpec {
    private final CallbackScope scope;
    private final ScriptName script;
    private Callback open;
    private Callback message;
    private Callback close;
    private Callback idle;
    private Callback error;

    BehaviourSpec(SharedState shared, ScriptName script) {
        this.scope = new CallbackScope(shared);
        this.script = script;
    }

    /** When a client connects: {@code onOpen { log "hello ${session.peer}" }}. */
    public void onOpen(@DelegatesTo(value = CallbackScope.class, strategy = Closure.DELEGATE_FIRST) Closure<?> callback) {
        open = Callback.of(callback, scope, 0);
    }

    /** For each message: {@code onMessage { msg -> reply([echo: msg.value]) }}. */
    public void onMessage(@DelegatesTo(value = CallbackScope.class, strategy = Closure.DELEGATE_FIRST)
            @ClosureParams(value = SimpleType.class, options = "dev.mtk.script.ScriptMessage") Closure<?> callback) {
        message = Callback.of(callback, scope, 1);
    }

    /** When the session closes, by either side. */
    public void onClose(@DelegatesTo(value = CallbackScope.class, strategy = Closure.DELEGATE_FIRST) Closure<?> callback) {
        close = Callback.of(callback, scope, 0);
    }

    /** When the client has sent nothing for the server's idle time ({@code mtk server --idle}). */
    public void onIdle(@DelegatesTo(value = CallbackScope.class, strategy = Closure.DELEGATE_FIRST) Closure<?> callback) {
        idle = Callback.of(callback, scope, 0);
    }

    /** When another callback threw: {@code onError { e -> reply([error: e.message]) }}; the session stays open. */
    public void onError(@DelegatesTo(value = CallbackScope.class, strategy = Closure.DELEGATE_FIRST)
            @ClosureParams(value = SimpleType.class, options = "java.lang.Throwable") Closure<?> callback) {
        error = Callback.of(callback, scope, 1);
    }

    /** The handler of these callbacks, doing what {@code fallback} does for those not given. */
    ScriptHandler build(dev.mtk.spi.Handler fallback) {
        return new ScriptHandler(scope, script, fallback, open, message, close, idle, error);
    }
}
