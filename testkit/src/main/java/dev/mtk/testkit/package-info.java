/**
 * A test kit for plugin authors: drives a {@link dev.mtk.spi.Framing} or a {@link dev.mtk.spi.Handler} in a unit
 * test without sockets, the way mtk would.
 *
 * <ul>
 *   <li>{@link dev.mtk.testkit.FramingHarness}: bytes in any split through a framing's decoder, what it emits in
 *       order, wire bytes from its encoder, round trips, and checks that every split decodes alike and that the
 *       decoder keeps its state per session.</li>
 *   <li>{@link dev.mtk.testkit.HandlerHarness}: a handler with a payload codec (and a framing, for header fields) as
 *       the server runs it, over one or several {@link dev.mtk.testkit.HarnessSession}s, with the replies it made
 *       ({@link dev.mtk.testkit.Reply}) and a manual clock for delayed replies.</li>
 * </ul>
 *
 * <p>It depends on {@code mtk-spi} alone and on no test framework: a failed check throws an {@link AssertionError}
 * with a message that says what differed, which every test framework reports as a failure.
 *
 * @since 1.0
 */
package dev.mtk.testkit;
