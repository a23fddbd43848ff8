package dev.mtk.spi;

/**
 * A kind of body, selected with {@code --payload NAME[:key=value,...]}: the built-in {@code json}, {@code text},
 * {@code bytes}, or a plugin's.
 *
 * <p>List the class in {@code META-INF/services/dev.mtk.spi.PayloadProvider}. The codec it creates serves every
 * session, so it must be thread-safe.
 *
 * @since 1.0
 */
public interface PayloadProvider extends Provider<PayloadCodec> {
}
