package dev.mtk.spi;

/**
 * A kind of handler, selected with {@code mtk server --handler NAME[:key=value,...]}: the built-in {@code seed},
 * {@code echo}, or a plugin's.
 *
 * <p>List the class in {@code META-INF/services/dev.mtk.spi.HandlerProvider}. One handler it creates serves every
 * session of a server.
 *
 * @since 1.0
 */
public interface HandlerProvider extends Provider<Handler> {
}
