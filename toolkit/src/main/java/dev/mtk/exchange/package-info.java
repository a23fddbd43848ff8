/**
 * What a conversation is made of, whatever the framing: the {@link dev.mtk.exchange.Exchange} (the seed's three steps,
 * request and reply, or one way), and the {@link dev.mtk.exchange.Correlation} that pairs a reply with its request by
 * an id in the body or a header field. Sessions, the command line, scripts, the REPL, bench and replay share them.
 */
package dev.mtk.exchange;
