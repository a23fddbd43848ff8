/**
 * Framing: cutting a TCP byte stream into frames and back.
 *
 * <p>The general codec is the length field ({@link dev.mtk.wire.LengthFieldFormat}); the seed's {@code headers}
 * framing is its preset {@link dev.mtk.wire.LengthFieldFormat#HEADERS}, and {@code memcached}, {@code mysql} and
 * {@code postgres} are named framings built on it ({@link dev.mtk.wire.MemcachedFramingProvider} and its siblings). Decoding is a MINA
 * {@link org.apache.mina.filter.codec.CumulativeProtocolDecoder} ({@link dev.mtk.wire.SequenceDecoder}) that reads a
 * repeating sequence of units, so a conversation that mixes frames and unframed bytes (the {@code seed} profile) is
 * described, not special-cased.
 */
package dev.mtk.wire;
