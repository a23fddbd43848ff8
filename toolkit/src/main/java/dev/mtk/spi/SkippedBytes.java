package dev.mtk.spi;

/**
 * A decoder's notice that it skipped bytes that could not start a frame (garbage before a magic), emitted in stream
 * order just before the frame that follows them.
 *
 * @param count  how many bytes were skipped
 * @param sample the first skipped bytes (at most 16), to show what was seen
 */
public record SkippedBytes(long count, byte[] sample) {
}
