package dev.mtk.session;

/**
 * Marks a built-in handler whose callbacks cannot block (they only look at the message and write): the server runs
 * them on its I/O threads, skipping the hand-off to a {@link HandlerWorkers} thread. Only for the toolkit's own
 * handlers; user and plugin code always runs on the workers.
 *
 * <p>Why: the hand-off costs about half the throughput. {@code mtk server} (seed), {@code mtk bench -c 4 -d 5s},
 * 2 cores, two runs each: inline 82,870 and 80,251 msg/s at pipeline 1, 835,802 and 857,512 at pipeline 16; the
 * same handler on the workers 40,091 and 41,042, 473,374 and 464,094.
 */
interface NonBlocking {
}
