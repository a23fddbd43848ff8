package dev.mtk.spi;

/**
 * Safety limits every framing decoder honours.
 *
 * @param maxFrame largest body accepted, in bytes; also the most garbage skipped while looking for a magic
 * @param strict   close the session on garbage instead of skipping to the next magic
 * @since 1.0
 */
public record FrameLimits(int maxFrame, boolean strict) {
    /** 1 MiB, the default {@code --max-frame}. */
    public static final int DEFAULT_MAX_FRAME = 1024 * 1024;

    /** 1 MiB frames, garbage skipped: what mtk uses without {@code --max-frame} and {@code --strict}. */
    public static final FrameLimits DEFAULT = new FrameLimits(DEFAULT_MAX_FRAME, false);

    /**
     * Checks the limits.
     *
     * @throws IllegalArgumentException for a {@code maxFrame} below 1
     */
    public FrameLimits {
        if (maxFrame < 1) {
            throw new IllegalArgumentException("max-frame must be a positive number of bytes: " + maxFrame);
        }
    }
}
