package dev.mtk.spi;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A decoder's notice that it skipped bytes that could not start a frame (garbage before a magic), emitted in stream
 * order just before the frame that follows them. A value: it keeps its own copy of the sample, hands out copies, and
 * two notices of the same count and sample are equal.
 *
 * @param count  how many bytes were skipped
 * @param sample the first skipped bytes (at most 16), to show what was seen
 * @since 1.0
 */
public record SkippedBytes(long count, byte[] sample) {

    /**
     * A notice; the sample is copied.
     *
     * @throws IllegalArgumentException for a negative count
     */
    public SkippedBytes {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        sample = sample.clone();
    }

    /** A copy of the first skipped bytes. */
    @Override
    public byte[] sample() {
        return sample.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SkippedBytes s && count == s.count && Arrays.equals(sample, s.sample);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count) * 31 + Arrays.hashCode(sample);
    }

    @Override
    public String toString() {
        return "SkippedBytes[" + count + " B, starting " + HexFormat.ofDelimiter(" ").formatHex(sample) + "]";
    }
}
