package dev.mtk.spi;

import java.util.Map;

/**
 * A kind of handler, selected by name with {@code mtk server --handler NAME[:key=value,...]}.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.mtk.spi.HandlerProvider}.
 */
public interface HandlerProvider {

    /** The name users select it by, e.g. {@code kv}: lower case, no spaces. */
    String name();

    /** One line for {@code mtk plugins}. */
    default String description() {
        return "";
    }

    /**
     * A handler configured by {@code options} (the {@code key=value} pairs after the name, possibly none); one
     * handler serves every session of a server.
     *
     * @throws IllegalArgumentException for an unknown option or a bad value; the message names it
     */
    Handler create(Map<String, String> options);
}
