/**
 * The {@code varint} framing plugin: protobuf's length-delimited framing ({@code writeDelimitedTo} /
 * {@code parseDelimitedFrom}), found by mtk through {@code META-INF/services/dev.mtk.spi.FramingProvider}. See
 * {@link dev.mtk.plugins.varint.VarintFramingProvider} for the wire format.
 */
package dev.mtk.plugins.varint;
