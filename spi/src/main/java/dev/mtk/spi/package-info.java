/**
 * What plugin authors compile against, SPI version {@value dev.mtk.spi.SpiVersion#CURRENT}: the three providers a
 * plugin jar lists for {@link java.util.ServiceLoader} ({@link dev.mtk.spi.FramingProvider},
 * {@link dev.mtk.spi.PayloadProvider}, {@link dev.mtk.spi.HandlerProvider}, all {@link dev.mtk.spi.Provider}s
 * configured by {@link dev.mtk.spi.Options}), what they create, and the values those exchange with mtk.
 *
 * <p>Nothing in this package depends on any other mtk package: a plugin needs only this package, MINA and SLF4J on
 * its compile path (the Maven artifact {@code dev.mtk:mtk-spi}, in {@code provided} scope). It is versioned on its
 * own ({@link dev.mtk.spi.SpiVersion}); a plugin jar names the version it was built for in its manifest.
 *
 * @since 1.0
 */
package dev.mtk.spi;
