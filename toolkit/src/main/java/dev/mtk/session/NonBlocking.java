package dev.mtk.session;

/**
 * Marks a built-in handler whose callbacks cannot block (they only look at the message and write): the server runs
 * them on its I/O threads, skipping the hand-off to a {@link HandlerWorkers} thread. Only for the toolkit's own
 * handlers; user and plugin code always runs on the workers.
 */
interface NonBlocking {
}
