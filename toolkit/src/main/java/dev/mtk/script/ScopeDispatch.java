package dev.mtk.script;

import groovy.lang.DelegatingMetaClass;
import groovy.lang.MetaClass;

/**
 * The meta-class of a behaviour callback written in dynamic Groovy: the verbs a callback uses on every message
 * ({@code reply(value)}, {@code acknowledge()}, {@code close()}, {@code log(line)}) go straight to the
 * {@link CallbackScope}; everything else goes to the closure's own meta-class as before. ({@code session} and
 * {@code shared} do not pass here: a closure reads a property through its own {@code getProperty}.)
 *
 * <p>Why: Groovy does not cache a call that a closure resolves through its delegate. Each {@code reply(...)} in a
 * dynamic callback looked the method up again on the scope's meta-class ({@code ClosureMetaClass.getDelegateMethod},
 * {@code MetaClassImpl.getMethodWithoutCaching}) and called it by reflection: {@code bench/HandlerCost.java} measured
 * {@code onMessage { msg -> reply(1) }} at 140-190 ns a message more than the same callback compiled statically.
 *
 * <p>Only what the scope alone answers is taken here, so a script sees what Groovy itself would resolve: callbacks
 * resolve {@code DELEGATE_FIRST} and the scope declares one method of each name for these argument counts, so the
 * scope's method is the one Groovy picks whatever the script defines. Other argument counts ({@code reply} with
 * {@code header:}) and other names take Groovy's own way.
 */
final class ScopeDispatch extends DelegatingMetaClass {
    private final CallbackScope scope;

    ScopeDispatch(MetaClass closureMetaClass, CallbackScope scope) {
        super(closureMetaClass);
        this.scope = scope;
    }

    @Override
    public Object invokeMethod(Class sender, Object receiver, String name, Object[] arguments, boolean isCallToSuper,
            boolean fromInsideClass) {
        if (!isCallToSuper) {
            int count = arguments == null ? 0 : arguments.length;
            switch (name) {
                case "reply" -> {
                    if (count == 1) {
                        scope.reply(arguments[0]);
                        return null;
                    }
                }
                case "acknowledge" -> {
                    if (count == 0) {
                        scope.acknowledge();
                        return null;
                    }
                }
                case "close" -> {
                    if (count == 0) {
                        scope.close();
                        return null;
                    }
                }
                case "log" -> {
                    if (count == 1) {
                        scope.log(arguments[0]);
                        return null;
                    }
                }
                default -> {
                }
            }
        }
        return super.invokeMethod(sender, receiver, name, arguments, isCallToSuper, fromInsideClass);
    }
}
