package dev.mtk.plugins.varint;

import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Framing;
import dev.mtk.spi.FramingProvider;
import dev.mtk.spi.Options;

/**
 * {@code varint}: each frame is the body's length as a base-128 varint, then the body. Byte for byte what protobuf's
 * {@code writeDelimitedTo} writes and {@code parseDelimitedFrom} reads, so mtk can talk to services that send
 * length-delimited protobuf messages (with {@code bytes} as the payload codec) or anything else framed that way.
 *
 * <pre>
 * +-------------------------------------------+------------------+
 * | length: varint32, 1 to 5 bytes            | body             |
 * | 7 bits a byte, least significant first;   | `length` bytes   |
 * | high bit set: another byte follows        |                  |
 * +-------------------------------------------+------------------+
 * </pre>
 *
 * <h2>A body of 2 bytes: a one-byte length</h2>
 *
 * <pre>
 * BEFORE DECODE (3 bytes)             AFTER DECODE (2 bytes)
 * +----------+-------+                +-------+
 * | 02       | 6f 6b |  ----------->  | 6f 6b |
 * | length 2 | "ok"  |                | "ok"  |
 * +----------+-------+                +-------+
 * </pre>
 *
 * <h2>A body of 300 bytes: a two-byte length</h2>
 *
 * <pre>
 * ac = 1 0101100   high bit set: another byte follows; low 7 bits 0101100 = 44
 * 02 = 0 0000010   high bit clear: the last byte;      its 7 bits 0000010 = 2, worth 2 * 128
 * length = 44 + 2 * 128 = 300
 *
 * BEFORE DECODE (302 bytes)                   AFTER DECODE (300 bytes)
 * +------------+------------------+           +------------------+
 * | ac 02      | 00 01 02 ... 2b  |  ------>  | 00 01 02 ... 2b  |
 * | length 300 | 300 bytes        |           | 300 bytes        |
 * +------------+------------------+           +------------------+
 * </pre>
 *
 * <h2>Refusals</h2>
 *
 * <ul>
 * <li>The length is checked against max-frame as soon as its last byte is in, before any of the body is waited for:
 * {@code frame length 300 exceeds max-frame 256 (varint ac 02)}.
 * <li>A varint that goes on past 5 bytes, or whose value is above 2147483647 (a negative {@code int32} to protobuf), is
 * malformed: {@code malformed varint32 length: ff ff ff ff ff (more than 5 bytes)}.
 * <li>A length written in more bytes than it needs ({@code 82 00} for 2) is accepted, as protobuf accepts it.
 * </ul>
 *
 * <p>Nothing on the wire marks the start of a frame, so there is no garbage to skip and no way to find the next frame
 * after a bad one: every refusal closes the session, and {@link FrameLimits#strict()} changes nothing.
 *
 * <p>The framing takes no options.
 */
public final class VarintFramingProvider implements FramingProvider {

    @Override
    public String name() {
        return "varint";
    }

    @Override
    public String description() {
        return "protobuf's length-delimited framing: a varint32 body length, then the body";
    }

    @Override
    public Framing create(Options options) {
        return Framing.of(new VarintDecoder(options.limits()), new VarintEncoder(),
                body -> Varint32.size(body) + body);
    }
}
