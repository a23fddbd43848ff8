package dev.mtk.wire;

import java.util.List;
import java.util.Map;

/**
 * {@code mysql}: the MySQL / MariaDB client/server packet, a 3-byte little-endian payload length and a sequence byte,
 * named {@code seq}.
 *
 * <pre>
 * length-field:width=3,order=little,header=4,fields=seq@3:1
 *
 * BEFORE DECODE (6 bytes)                   AFTER DECODE (2 bytes, seq = 1)
 * +----------+-----+-------+                +-------+
 * | 02 00 00 | 01  | 6f 6b |  ------------> | 6f 6b |
 * | length 2 | seq | "ok"  |                | "ok"  |
 * +----------+-----+-------+                +-------+
 * </pre>
 */
public final class MysqlFramingProvider extends PresetFramingProvider {
    public MysqlFramingProvider() {
        super("mysql", "MySQL/MariaDB packets: 3-byte little-endian length, sequence byte (field seq); options "
                + "strip, length",
                Map.of("width", "3", "order", "little", "header", "4", "fields", "seq@3:1"),
                List.of("strip", "length"));
    }
}
