/**
 * Plugins: the framings, payload codecs and handlers mtk knows by name, built in or found in plugin jars.
 *
 * <p>{@link dev.mtk.plugin.Registry} loads the toolkit's own, then every jar of the plugin folders in order.
 * Each jar gets its own class loader whose parent shows it only the SPI ({@code dev.mtk.spi}), MINA, SLF4J and the
 * JDK ({@link dev.mtk.plugin.SpiOnlyClassLoader}), so plugins may bundle any library at any version. A jar's own
 * libraries go inside it (shaded) or in a folder beside it named after it ({@code plugins/foo.jar} and
 * {@code plugins/foo/*.jar}). A broken jar is one warning; the rest load.
 */
package dev.mtk.plugin;
