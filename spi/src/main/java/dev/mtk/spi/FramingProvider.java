package dev.mtk.spi;

/**
 * A family of framings, selected with {@code --framing NAME[:key=value,...]}: the built-in {@code headers},
 * {@code length-field}, {@code memcached}, or a plugin's.
 *
 * <p>List the class in {@code META-INF/services/dev.mtk.spi.FramingProvider}. The framing it creates honours
 * {@link Options#limits()}: the largest frame, and whether garbage closes the session.
 *
 * @since 1.0
 */
public interface FramingProvider extends Provider<Framing> {
}
