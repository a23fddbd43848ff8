package dev.mtk.script;

import groovy.lang.Closure;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * A script's closure, compiled once into a method handle on its {@code doCall}, so that calling it per message costs
 * a direct invocation instead of Groovy's dynamic {@code Closure.call}. The closure keeps its delegate, so what its
 * body resolves through the delegate ({@code reply}, {@code session}) still works.
 */
final class Callback {
    private final MethodHandle handle;
    private final int arity;

    private Callback(MethodHandle handle, int arity) {
        this.handle = handle;
        this.arity = arity;
    }

    /** {@code closure} with {@code delegate} resolved first, callable with up to {@code maxArguments} arguments. */
    static Callback of(Closure<?> closure, Object delegate, int maxArguments) {
        Closure<?> bound = closure.rehydrate(delegate, closure.getOwner(), closure.getThisObject());
        bound.setResolveStrategy(Closure.DELEGATE_FIRST);
        if (delegate instanceof CallbackScope scope) {
            bound.setMetaClass(new ScopeDispatch(bound.getMetaClass(), scope));
        }
        Method doCall = doCall(bound.getClass(), maxArguments);
        if (doCall == null) {
            return new Callback(CLOSURE_CALL.bindTo(bound), -1);
        }
        try {
            MethodHandle handle = MethodHandles.publicLookup().unreflect(doCall).bindTo(bound);
            int arity = doCall.getParameterCount();
            return new Callback(handle.asType(MethodType.genericMethodType(arity)), arity);
        } catch (IllegalAccessException e) {
            return new Callback(CLOSURE_CALL.bindTo(bound), -1);
        }
    }

    /** Calls the closure with as many of {@code arguments} as it declares parameters. */
    Object call(Object... arguments) throws Exception {
        try {
            return switch (arity) {
                case 0 -> handle.invokeExact();
                case 1 -> handle.invokeExact(arguments.length > 0 ? arguments[0] : null);
                case 2 -> handle.invokeExact(arguments.length > 0 ? arguments[0] : null,
                        arguments.length > 1 ? arguments[1] : null);
                default -> handle.invoke(arguments);
            };
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public {@code doCall} with the most parameters up to {@code maxArguments}. */
    private static Method doCall(Class<?> type, int maxArguments) {
        if (!Modifier.isPublic(type.getModifiers())) {
            return null;
        }
        Method best = null;
        for (Method method : type.getMethods()) {
            if (method.getName().equals("doCall") && method.getParameterCount() <= maxArguments
                    && (best == null || method.getParameterCount() > best.getParameterCount())) {
                best = method;
            }
        }
        return best;
    }

    private static final MethodHandle CLOSURE_CALL;

    static {
        try {
            CLOSURE_CALL = MethodHandles.publicLookup().findVirtual(Closure.class, "call",
                    MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
