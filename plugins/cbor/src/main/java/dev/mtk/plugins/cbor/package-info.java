/**
 * The {@code cbor} payload plugin: CBOR bodies typed and shown as JSON, found by mtk through
 * {@code META-INF/services/dev.mtk.spi.PayloadProvider} ({@link dev.mtk.plugins.cbor.CborPayloadProvider}). Jackson is shaded into the plugin's jar, since a plugin's class
 * loader sees only {@code dev.mtk.spi}, MINA, SLF4J and the JDK.
 */
package dev.mtk.plugins.cbor;
