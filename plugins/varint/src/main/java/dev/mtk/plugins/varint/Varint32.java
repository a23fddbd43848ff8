package dev.mtk.plugins.varint;

/**
 * Writes protobuf's varint of a non-negative {@code int}: seven bits a byte, the least significant group first, the
 * high bit set on every byte but the last. Reading is the decoder's, which must also cope with varints cut short.
 */
final class Varint32 {
    /** An {@code int} of 31 significant bits needs at most 5 groups of 7. */
    static final int MAX_BYTES = 5;

    private Varint32() {
    }

    /** Bytes the varint of {@code value} takes: 1 to 5. */
    static int size(int value) {
        requireNonNegative(value);
        int size = 1;
        for (int rest = value >>> 7; rest != 0; rest >>>= 7) {
            size++;
        }
        return size;
    }

    /** Writes the varint of {@code value} at the start of {@code to} and returns how many bytes that took. */
    static int write(int value, byte[] to) {
        requireNonNegative(value);
        int at = 0;
        int rest = value;
        while (rest >= 0x80) {
            to[at++] = (byte) (rest & 0x7f | 0x80);
            rest >>>= 7;
        }
        to[at++] = (byte) rest;
        return at;
    }

    private static void requireNonNegative(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("a varint32 length must not be negative: " + value);
        }
    }
}
