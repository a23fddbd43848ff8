package dev.mtk.bench.result;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * A histogram as text: HdrHistogram's own compressed encoding (deflated, with its cookie and settings), in base64, as
 * HdrHistogram's interval logs write it. Any HdrHistogram implementation reads it back, so results can be merged by
 * tools other than mtk too.
 */
public final class CompressedHistogram {
    private CompressedHistogram() {
    }

    /** {@code histogram} compressed, in base64. */
    public static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    /**
     * The histogram {@code text} encodes.
     *
     * @throws IllegalArgumentException when {@code text} is not base64 or not a compressed histogram
     */
    public static Histogram decode(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64: " + e.getMessage(), e);
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an HdrHistogram compressed histogram ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
    }
}
