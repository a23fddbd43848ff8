package dev.mtk.spi;

import java.util.Map;

/**
 * A family of framings, selected by name with {@code --framing NAME[:key=value,...]}: {@code headers},
 * {@code length-field}, or a plugin's.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.mtk.spi.FrameCodec}. They must be thread-safe and cheap to construct.
 */
public interface FrameCodec {

    /** The name users select the framing by, e.g. {@code varint}: lower case, no spaces. */
    String name();

    /** One line for {@code mtk plugins} and help texts. */
    default String description() {
        return "";
    }

    /**
     * A framing configured by {@code options} (the {@code key=value} pairs after the name, possibly none), which
     * honours {@code limits}.
     *
     * @throws IllegalArgumentException for an unknown option or a bad value; the message names it and the choices
     */
    Framing create(Map<String, String> options, FrameLimits limits);
}
