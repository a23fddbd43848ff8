/**
 * What plugin authors compile against: the payload codec interface and the message types that framing decoders and
 * encoders exchange with the rest of mtk.
 *
 * <p>Nothing in this package depends on any other mtk package, so a plugin needs only this package (and MINA, for
 * framing codecs) on its compile path.
 */
package dev.mtk.spi;
