package dev.mtk.internal;

import dev.mtk.spi.Options;
import dev.mtk.spi.Provider;
import java.util.List;

/**
 * Why a framing, payload or handler could not be created, naming it: the user may have chosen several, and a plugin's message
 * ({@code unknown option 'bogus'}) does not say whose it is.
 */
public final class CreateErrors {
    private CreateErrors() {
    }

    /**
     * What {@code provider} creates with {@code options}: the one place mtk calls a provider's {@code create}. An
     * option the provider does not list in {@link Provider#options()} is refused first, so providers need not check
     * names; whatever {@code create} throws becomes one line naming the provider ({@link #named}).
     *
     * @param kind     {@code framing}, {@code payload} or {@code handler}
     * @param provider what the user chose
     * @param options  the options the user gave it
     * @throws IllegalArgumentException {@code handler kv: unknown option 'bogus' (known: a, b)}, or {@code (it takes
     *                                  none)}, or the provider's refusal with its kind and name in front
     */
    public static <T> T create(String kind, Provider<T> provider, Options options) {
        try {
            List<String> known = provider.options();
            for (String option : options.asMap().keySet()) {
                if (!known.contains(option)) {
                    throw new IllegalArgumentException("unknown option '" + option + "' ("
                            + (known.isEmpty() ? "it takes none" : "known: " + String.join(", ", known)) + ")");
                }
            }
            return provider.create(options);
        } catch (Throwable failure) {
            throw named(kind, provider.name(), failure);
        }
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
