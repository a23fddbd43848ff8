package dev.mtk.wire;

import java.util.List;
import java.util.Map;

/**
 * {@code memcached}: memcached's binary protocol, in whole-frame mode (a message is the whole 24-byte header and its
 * body), with the header's fields named.
 *
 * <pre>
 * length-field:magic=0x80|0x81,offset=8,width=4,header=24,strip=none,
 *              fields=magic@0:1+opcode@1:1+keylen@2:2+extlen@4:1+status@6:2+opaque@12:4+cas@16:8
 *
 * GET "foo", opaque 7 (27 bytes)
 * +----+----+-------+----+----+-------+-------------+-------------+-------------------------+----------+
 * | 80 | 00 | 00 03 | 00 | 00 | 00 00 | 00 00 00 03 | 00 00 00 07 | 00 00 00 00 00 00 00 00 | 66 6f 6f |
 * |mag.|op. |keylen |ext.|type|status | body len 3  | opaque      | cas                     | key      |
 * +----+----+-------+----+----+-------+-------------+-------------+-------------------------+----------+
 *   0    1    2       4    5    6       8             12            16                        24
 * </pre>
 *
 * <p>{@code length=fill} writes the body length of frames sent; {@code strip=header} makes a message the body alone
 * (extras, key, value) with the fields still read from the header.
 */
public final class MemcachedFramingProvider extends PresetFramingProvider {
    public MemcachedFramingProvider() {
        super("memcached", "memcached binary protocol: 24-byte header (magic 0x80/0x81, body length at 8), whole "
                + "frames, fields opcode, opaque, ...; options strip, length, fields",
                Map.of("magic", "0x80|0x81", "offset", "8", "width", "4", "header", "24", "strip", "none",
                        "fields", "magic@0:1+opcode@1:1+keylen@2:2+extlen@4:1+status@6:2+opaque@12:4+cas@16:8"),
                List.of("strip", "length", "fields"));
    }
}
