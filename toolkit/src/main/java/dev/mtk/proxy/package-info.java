/**
 * The decoding proxy ({@code mtk proxy}): a MINA acceptor for clients and a connector for their upstream connections,
 * forwarding raw reads unchanged, with a decoding thread that prints ({@link dev.mtk.proxy.TrafficPrinter}) and
 * records ({@link dev.mtk.proxy.RecordingObserver}) every frame from a copy of the bytes.
 */
package dev.mtk.proxy;
