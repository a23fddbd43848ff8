package dev.mtk.spi;

import java.util.List;

/**
 * What every plugin factory is: a named maker of one kind of thing (a {@link Framing}, a {@link PayloadCodec}, a
 * {@link Handler}), selected by users with {@code NAME[:key=value,...]} and configured by those options.
 *
 * <p>mtk finds providers with {@link java.util.ServiceLoader}, through the sub-interface of their kind
 * ({@link FramingProvider}, {@link PayloadProvider}, {@link HandlerProvider}). Before it calls {@link #create} it
 * refuses any option not in {@link #options()}, naming the provider: {@code handler kv: unknown option 'bogus' (it
 * takes none)}. So {@code create} only checks values. Providers must be thread-safe and cheap to construct.
 *
 * @param <T> what it makes
 * @since 1.0
 */
public interface Provider<T> {

    /**
     * The name users select it by, e.g. {@code varint}: lower-case letters, digits, {@code .}, {@code _} and
     * {@code -}.
     *
     * @return the name, unique among the providers of its kind
     */
    String name();

    /**
     * One line for {@code mtk plugins} and help texts; empty by default.
     *
     * @return the description, on one line
     */
    default String description() {
        return "";
    }

    /**
     * The names of the options it takes; none by default. mtk refuses any other option before calling
     * {@link #create}.
     *
     * @return the option names, in the order help texts list them
     */
    default List<String> options() {
        return List.of();
    }

    /**
     * A thing configured by {@code options}: the {@code key=value} pairs after the name (only names from
     * {@link #options()}, possibly none) and, for framings, the frame limits.
     *
     * @param options the options the user gave
     * @return what it makes; for a handler, one that serves every session of a server
     * @throws IllegalArgumentException for a bad value, naming the option, the value and what it accepts; mtk puts
     *                                  the kind and name in front ({@code framing varint: ...})
     */
    T create(Options options);
}
