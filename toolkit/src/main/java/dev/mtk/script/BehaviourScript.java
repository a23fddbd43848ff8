package dev.mtk.script;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.Script;
import groovy.transform.stc.ClosureParams;
import groovy.transform.stc.SimpleType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base class of a behaviour script ({@code mtk server --script FILE}): its top level runs once, at start, and
 * registers the callbacks the server then calls for every session.
 *
 * <pre>
 * onMessage { msg -&gt;
 *     shared.counter('messages').incrementAndGet()
 *     reply([echo: msg.value])
 * }
 * </pre>
 */
public abstract class BehaviourScript extends Script {
    private static final Logger LOG = LoggerFactory.getLogger("mtk.script");

    private BehaviourSpec spec;
    private SharedState shared;

    void attach(BehaviourSpec spec, SharedState shared) {
        this.spec = spec;
        this.shared = shared;
    }

    /** State shared by every session, safe from any thread. */
    public SharedState getShared() {
        return shared;
    }

    public void onOpen(@DelegatesTo(value = CallbackScope.class, strategy = Closure.DELEGATE_FIRST) Closure<?> callback) {
        spec.onOpen(callback);
    }

    public void onMessage(@DelegatesTo(value = CallbackScope.class, strategy = Closure.DELEGATE_FIRST)
            @ClosureParams(value = SimpleType.class, options = "dev.mtk.script.ScriptMessage") Closure<?> callback) {
        spec.onMessage(callback);
    }

    public void onClose(@DelegatesTo(value = CallbackScope.class, strategy = Closure.DELEGATE_FIRST) Closure<?> callback) {
        spec.onClose(callback);
    }

    public void onIdle(@DelegatesTo(value = CallbackScope.class, strategy = Closure.DELEGATE_FIRST) Closure<?> callback) {
        spec.onIdle(callback);
    }

    public void onError(@DelegatesTo(value = CallbackScope.class, strategy = Closure.DELEGATE_FIRST)
            @ClosureParams(value = SimpleType.class, options = "java.lang.Throwable") Closure<?> callback) {
        spec.onError(callback);
    }

    /** A line in the log, as the script's. */
    public void log(Object line) {
        LOG.info("{}", line);
    }

    /**
     * A binary message written field by field: {@code bin { u8 0x80; u16 size(key); str key }} ({@link BinaryBuilder}).
     */
    public byte[] bin(@DelegatesTo(value = BinaryBuilder.class, strategy = Closure.DELEGATE_FIRST) Closure<?> fields) {
        return BinaryBuilder.build(fields);
    }
}
