/**
 * Sessions: the MINA server ({@link dev.mtk.session.Server}) that runs any {@link dev.mtk.spi.Handler}, the
 * client ({@link dev.mtk.session.Client}, {@link dev.mtk.session.ClientSession}) that the command line, REPL,
 * scripts and load generator share, and the {@link dev.mtk.session.Profile profiles} that bundle framing, payload and
 * the acknowledgement exchange.
 *
 * <p>Sessions know nothing of the command line: they log conversation events to the SLF4J loggers {@code mtk.server}
 * and {@code mtk.client}, and report failures as {@link dev.mtk.session.SessionException}s.
 */
package dev.mtk.session;
