/**
 * Payload codecs: what goes inside a frame. The built-ins are {@code json} (the default), {@code text} and
 * {@code bytes}; {@link dev.mtk.plugin.Registry} finds them and any others with {@link java.util.ServiceLoader}.
 */
package dev.mtk.payload;
