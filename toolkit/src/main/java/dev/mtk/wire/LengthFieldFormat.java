package dev.mtk.wire;

import dev.mtk.spi.HeaderField;
import dev.mtk.spi.HeaderFields;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A length-prefixed framing: an optional magic, a length field somewhere in a fixed-size header, the body, and an
 * optional fixed trailer.
 *
 * <pre>
 * +----------------+---------------+----------------------+-------------+-------------------+----------------+
 * | magic          | other header  | length field         | more header | body              | trailer        |
 * | (0..n bytes,   | bytes (kept   | width 1, 2, 3, 4, 8, | bytes       | bodyLength bytes  | (0..n fixed    |
 * | one of several)| in templates) | big or little endian | (header=N)  |                   | bytes)         |
 * +----------------+---------------+----------------------+-------------+-------------------+----------------+
 * |&lt;---------- lengthOffset ------&gt;|
 * |&lt;------------------------------ headerLength ------------------------&gt;|
 *                                  |&lt;------------------------- counts SELF ----------------------------------&gt;|
 * |&lt;-------------------------------------------- counts FRAME --------------------------------------------&gt;|
 *                                                                        |&lt;-- counts BODY --&gt;|
 * </pre>
 *
 * <p>The body length is {@code field + lengthAdjustment}, less what else the field counts ({@link Counts}). Widths 1,
 * 2 and 3 are unsigned; widths 4 and 8 are signed, and a negative body length is refused. The bytes between the magic
 * and the length field, and after it up to {@code headerLength}, are zeros when mtk writes a frame, unless the frame
 * carries its own header (header fields set, or the whole frame given in {@linkplain #wholeFrame() whole-frame mode}).
 *
 * <p>In whole-frame mode ({@code strip=none}) a decoded frame's body is the whole frame, header and trailer included,
 * and a frame to send is given whole: the encoder checks its magic, length field and trailer (or writes the length
 * field itself when {@link #fillLength()}).
 *
 * <h2>The {@code headers} preset (the seed's {@code Enpack})</h2>
 *
 * <pre>
 * magic = "Headers", lengthOffset = 7, lengthWidth = 4, big endian, lengthAdjustment = 0, counts BODY
 *
 * BEFORE DECODE (13 bytes)                                  AFTER DECODE (2 bytes)
 * +-----------------------------+-------------+------+      +------+
 * | 48 65 61 64 65 72 73        | 00 00 00 02 | 6f 6b| ---> | 6f 6b|
 * | "Headers"                   | length 2    | "ok" |      | "ok" |
 * +-----------------------------+-------------+------+      +------+
 * </pre>
 *
 * <h2>A two-byte little-endian length that counts itself, no magic</h2>
 *
 * <pre>
 * magic = none, lengthOffset = 0, lengthWidth = 2, little endian, lengthAdjustment = 0, counts FRAME
 *
 * BEFORE DECODE (5 bytes)            AFTER DECODE (3 bytes)
 * +---------+----------+             +----------+
 * | 05 00   | 61 62 63 |  -------->  | 61 62 63 |
 * | 5 bytes | "abc"    |             | "abc"    |
 * +---------+----------+             +----------+
 * </pre>
 *
 * <h2>AMQP 0-9-1: a header around the length, and a frame-end trailer</h2>
 *
 * <pre>
 * magic = none, lengthOffset = 3, lengthWidth = 4, big endian, counts BODY, trailer = ce,
 * fields type@0:1, channel@1:2
 *
 * BEFORE DECODE (10 bytes)                          AFTER DECODE (2 bytes, header kept for its fields)
 * +------+-------+-------------+-------+------+     +-------+    type = 1, channel = 1
 * | 01   | 00 01 | 00 00 00 02 | 6f 6b | ce   | --> | 6f 6b |
 * | type | chan. | length 2    | "ok"  | end  |     | "ok"  |
 * +------+-------+-------------+-------+------+     +-------+
 * </pre>
 *
 * <h2>memcached binary, whole-frame mode</h2>
 *
 * <pre>
 * magics = 80 | 81, lengthOffset = 8, lengthWidth = 4, headerLength = 24, counts BODY, strip = none
 *
 * BEFORE DECODE (27 bytes)                                        AFTER DECODE (the same 27 bytes)
 * +----+----+-------+----+----+-------+-------------+-------------+-------------------------+----------+
 * | 80 | 00 | 00 03 | 00 | 00 | 00 00 | 00 00 00 03 | 00 00 00 07 | 00 00 00 00 00 00 00 00 | 66 6f 6f |
 * |mag.|op. |keylen |ext.|type|vbucket| body len 3  | opaque 7    | cas                     | "foo"    |
 * +----+----+-------+----+----+-------+-------------+-------------+-------------------------+----------+
 * </pre>
 */
public final class LengthFieldFormat {

    /** What a length field's value counts besides (or instead of) the body alone. */
    public enum Counts {
        /** The body alone ({@code counts=body}): Headers, Thrift framed, memcached, AMQP. */
        BODY,
        /** From the length field's first byte to the frame's end ({@code counts=self}): PostgreSQL. */
        SELF,
        /** The whole frame, header and trailer ({@code counts=frame}, {@code includes-header=true}): TPKT. */
        FRAME
    }

    /** The seed's framing: {@code "Headers"}, then a 4-byte big-endian body length, then the body. */
    public static final LengthFieldFormat HEADERS = builder().magic("Headers".getBytes(StandardCharsets.US_ASCII))
            .lengthOffset(7).lengthWidth(4).build();

    private final byte[][] magics;
    private final int lengthOffset;
    private final int lengthWidth;
    private final ByteOrder order;
    private final int lengthAdjustment;
    private final Counts counts;
    private final int headerLength;
    private final byte[] trailer;
    private final boolean wholeFrame;
    private final boolean fillLength;
    private final HeaderFields fields;

    /**
     * A format without header fields, trailer or extra header bytes, as the first versions had it.
     *
     * @param magic                bytes every frame starts with; empty for none
     * @param lengthOffset         where the length field starts, counted from the first byte of the frame
     * @param lengthWidth          bytes in the length field: 1, 2, 3, 4 or 8
     * @param order                byte order of the length field
     * @param lengthAdjustment     added to the field's value to get the body length (after removing what else it counts)
     * @param lengthIncludesHeader whether the field counts the header bytes as well as the body
     */
    public LengthFieldFormat(byte[] magic, int lengthOffset, int lengthWidth, ByteOrder order, int lengthAdjustment,
            boolean lengthIncludesHeader) {
        this(builder().magic(magic).lengthOffset(lengthOffset).lengthWidth(lengthWidth).order(order)
                .lengthAdjustment(lengthAdjustment).counts(lengthIncludesHeader ? Counts.FRAME : Counts.BODY));
    }

    private LengthFieldFormat(Builder builder) {
        Objects.requireNonNull(builder.order, "order");
        Objects.requireNonNull(builder.counts, "counts");
        this.magics = builder.magics.stream().map(byte[]::clone).toArray(byte[][]::new);
        this.lengthOffset = builder.lengthOffset < 0 ? magicLength(magics) : builder.lengthOffset;
        this.lengthWidth = builder.lengthWidth;
        this.order = builder.order;
        this.lengthAdjustment = builder.lengthAdjustment;
        this.counts = builder.counts;
        this.headerLength = builder.headerLength < 0 ? lengthOffset + lengthWidth : builder.headerLength;
        this.trailer = builder.trailer.clone();
        this.wholeFrame = builder.wholeFrame;
        this.fillLength = builder.fillLength;
        this.fields = builder.fields;
        int magicLength = magicLength(magics);
        for (byte[] magic : magics) {
            if (magic.length == 0) {
                throw new IllegalArgumentException("a magic must not be empty (leave magic out for none)");
            }
            if (magic.length != magicLength) {
                throw new IllegalArgumentException("every magic must have the same length: " + magicsText(magics));
            }
        }
        if (lengthWidth != 1 && lengthWidth != 2 && lengthWidth != 3 && lengthWidth != 4 && lengthWidth != 8) {
            throw new IllegalArgumentException("length width must be 1, 2, 3, 4 or 8: " + lengthWidth);
        }
        if (lengthOffset < magicLength) {
            throw new IllegalArgumentException(
                    "length offset must not fall inside the magic (" + magicLength + " bytes): " + lengthOffset);
        }
        if (headerLength < lengthOffset + lengthWidth) {
            throw new IllegalArgumentException("header length must reach past the length field (offset " + lengthOffset
                    + ", width " + lengthWidth + ", so at least " + (lengthOffset + lengthWidth) + "): " + headerLength);
        }
        if (fillLength && !wholeFrame) {
            throw new IllegalArgumentException("length=fill needs strip=none: with strip=header mtk writes the length "
                    + "field anyway");
        }
        if (!wholeFrame) {
            for (HeaderField field : fields.list()) {
                if (field.end() > headerLength) {
                    throw new IllegalArgumentException("header field " + field + " ends at byte " + field.end()
                            + ", past the " + headerLength + "-byte header: with strip=header only header bytes are "
                            + "kept (give header=N, or strip=none)");
                }
            }
        }
    }

    /** A format to be described, starting from: no magic, a 4-byte big-endian length of the body at offset 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this format, to change a part of it. */
    public Builder newBuilder() {
        Builder builder = new Builder();
        for (byte[] magic : magics) {
            builder.magics.add(magic.clone());
        }
        builder.lengthOffset = lengthOffset;
        builder.lengthWidth = lengthWidth;
        builder.order = order;
        builder.lengthAdjustment = lengthAdjustment;
        builder.counts = counts;
        builder.headerLength = headerLength;
        builder.trailer = trailer.clone();
        builder.wholeFrame = wholeFrame;
        builder.fillLength = fillLength;
        builder.fields = fields;
        return builder;
    }

    /** The first magic (the one written when mtk chooses), or an empty array for none. */
    public byte[] magic() {
        return magics.length == 0 ? new byte[0] : magics[0].clone();
    }

    /** Every magic a frame may start with, all of one length; empty for none. */
    public List<byte[]> magics() {
        return Arrays.stream(magics).map(byte[]::clone).toList();
    }

    /** Bytes of the magic, the same for each; 0 for none. */
    public int magicLength() {
        return magicLength(magics);
    }

    public int lengthOffset() {
        return lengthOffset;
    }

    public int lengthWidth() {
        return lengthWidth;
    }

    public ByteOrder order() {
        return order;
    }

    public int lengthAdjustment() {
        return lengthAdjustment;
    }

    public Counts counts() {
        return counts;
    }

    /** Whether the field counts the header bytes too ({@link Counts#FRAME}); kept for the first versions' callers. */
    public boolean lengthIncludesHeader() {
        return counts == Counts.FRAME;
    }

    /** Bytes before the body: magic, other header bytes, the length field and any header bytes after it. */
    public int headerLength() {
        return headerLength;
    }

    /** The fixed bytes after every body; empty for none. */
    public byte[] trailer() {
        return trailer.clone();
    }

    /** Whether a frame's body is the whole frame, header and trailer included ({@code strip=none}). */
    public boolean wholeFrame() {
        return wholeFrame;
    }

    /** Whether, in whole-frame mode, mtk writes the length field of a frame to send instead of checking it. */
    public boolean fillLength() {
        return fillLength;
    }

    /** The named header fields; {@link HeaderFields#NONE} for none. */
    public HeaderFields fields() {
        return fields;
    }

    /** Bytes the length field counts besides the body. */
    private int counted() {
        return switch (counts) {
            case BODY -> 0;
            case SELF -> headerLength - lengthOffset + trailer.length;
            case FRAME -> headerLength + trailer.length;
        };
    }

    /** The body length a length field's value announces; may be negative for a corrupt field. */
    public long bodyLength(long fieldValue) {
        return fieldValue + lengthAdjustment - counted();
    }

    /** The value to write in the length field for a body of {@code bodyLength} bytes. */
    public long fieldValue(long bodyLength) {
        return bodyLength - lengthAdjustment + counted();
    }

    /** Bytes a frame with a body of {@code bodyLength} bytes takes on the wire: header, body and trailer. */
    public int frameLength(int bodyLength) {
        return headerLength + bodyLength + trailer.length;
    }

    /** The largest value the length field holds: widths 4 and 8 are signed. */
    public long largestFieldValue() {
        return switch (lengthWidth) {
            case 4 -> Integer.MAX_VALUE;
            case 8 -> Long.MAX_VALUE;
            default -> (1L << (8 * lengthWidth)) - 1;
        };
    }

    /** The magic as text when it is printable ASCII, else as hex; several are joined with {@code |}. */
    public String magicText() {
        return magicsText(magics);
    }

    private static String magicsText(byte[][] magics) {
        return Arrays.stream(magics).map(LengthFieldFormat::bytesText).collect(Collectors.joining(" | "));
    }

    /** {@code bytes} as text when printable ASCII, else as spaced hex: for messages. */
    static String bytesText(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 || b >= 0x7f) {
                return dev.mtk.internal.Hex.spaced(bytes, bytes.length);
            }
        }
        return '"' + new String(bytes, StandardCharsets.US_ASCII) + '"';
    }

    private static int magicLength(byte[][] magics) {
        return magics.length == 0 ? 0 : magics[0].length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LengthFieldFormat f && Arrays.deepEquals(magics, f.magics)
                && lengthOffset == f.lengthOffset && lengthWidth == f.lengthWidth && order.equals(f.order)
                && lengthAdjustment == f.lengthAdjustment && counts == f.counts && headerLength == f.headerLength
                && Arrays.equals(trailer, f.trailer) && wholeFrame == f.wholeFrame && fillLength == f.fillLength
                && fields.toString().equals(f.fields.toString());
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.deepHashCode(magics), lengthOffset, lengthWidth, order, lengthAdjustment, counts,
                headerLength, Arrays.hashCode(trailer), wholeFrame, fillLength, fields.toString());
    }

    @Override
    public String toString() {
        return "LengthFieldFormat[magic=" + magicText() + ", lengthOffset=" + lengthOffset + ", lengthWidth="
                + lengthWidth + ", order=" + order + ", lengthAdjustment=" + lengthAdjustment + ", counts=" + counts
                + ", headerLength=" + headerLength + ", trailer=" + bytesText(trailer) + ", wholeFrame=" + wholeFrame
                + ", fillLength=" + fillLength + ", fields=" + fields + "]";
    }

    /** Collects a format's parts; {@link #build()} checks them together. */
    public static final class Builder {
        private final List<byte[]> magics = new ArrayList<>();
        private int lengthOffset = -1;
        private int lengthWidth = 4;
        private ByteOrder order = ByteOrder.BIG_ENDIAN;
        private int lengthAdjustment;
        private Counts counts = Counts.BODY;
        private int headerLength = -1;
        private byte[] trailer = new byte[0];
        private boolean wholeFrame;
        private boolean fillLength;
        private HeaderFields fields = HeaderFields.NONE;

        private Builder() {
        }

        /** One magic (the only one); an empty array for none. */
        public Builder magic(byte[] magic) {
            magics.clear();
            if (Objects.requireNonNull(magic, "magic").length > 0) {
                magics.add(magic.clone());
            }
            return this;
        }

        /** Magics a frame may start with, the first written when mtk chooses; all of one length. */
        public Builder magics(List<byte[]> all) {
            magics.clear();
            all.forEach(magic -> magics.add(magic.clone()));
            return this;
        }

        /** Where the length field starts; by default right after the magic. */
        public Builder lengthOffset(int offset) {
            this.lengthOffset = offset;
            return this;
        }

        public Builder lengthWidth(int width) {
            this.lengthWidth = width;
            return this;
        }

        public Builder order(ByteOrder byteOrder) {
            this.order = byteOrder;
            return this;
        }

        public Builder lengthAdjustment(int adjustment) {
            this.lengthAdjustment = adjustment;
            return this;
        }

        public Builder counts(Counts what) {
            this.counts = what;
            return this;
        }

        /** All the bytes before the body; by default up to the end of the length field. */
        public Builder headerLength(int length) {
            this.headerLength = length;
            return this;
        }

        public Builder trailer(byte[] bytes) {
            this.trailer = Objects.requireNonNull(bytes, "trailer").clone();
            return this;
        }

        public Builder wholeFrame(boolean whole) {
            this.wholeFrame = whole;
            return this;
        }

        public Builder fillLength(boolean fill) {
            this.fillLength = fill;
            return this;
        }

        public Builder fields(HeaderFields named) {
            this.fields = Objects.requireNonNull(named, "fields");
            return this;
        }

        /**
         * The format.
         *
         * @throws IllegalArgumentException naming the part that is wrong, its value and the rule
         */
        public LengthFieldFormat build() {
            return new LengthFieldFormat(this);
        }
    }
}
