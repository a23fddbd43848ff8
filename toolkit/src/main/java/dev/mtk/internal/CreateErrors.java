package dev.mtk.internal;

/**
 * Why a framing, payload or handler could not be created, naming it: the user may have chosen several, and a plugin's message
 * ({@code unknown option 'bogus'}) does not say whose it is.
 */
public final class CreateErrors {
    private CreateErrors() {
    }

    /**
     * {@code failure} as one line {@code KIND NAME: message}. A plugin's {@code create} is code mtk does not own, so
     * anything it throws becomes this one line, except a {@link VirtualMachineError}, after which the JVM cannot be
     * trusted (a {@link StackOverflowError} is the plugin's recursion, not the JVM's state).
     *
     * @param kind    {@code framing}, {@code payload} or {@code handler}
     * @param name    the name the user chose it by
     * @param failure what {@code create} threw
     * @return the exception to throw
     */
    public static IllegalArgumentException named(String kind, String name, Throwable failure) {
        if (failure instanceof VirtualMachineError fatal && !(failure instanceof StackOverflowError)) {
            throw fatal;
        }
        String prefix = kind + " " + name;
        if (failure instanceof IllegalArgumentException refused && refused.getMessage() != null) {
            // A plugin written before this convention names itself already ("handler kv takes no options").
            String message = refused.getMessage();
            return new IllegalArgumentException(message.startsWith(prefix + " ") || message.startsWith(prefix + ":")
                    ? message : prefix + ": " + message, failure);
        }
        return new IllegalArgumentException(prefix + ": cannot be created: " + failure, failure);
    }
}
