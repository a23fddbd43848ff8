package dev.mtk.wire;

import dev.mtk.spi.Framing;
import dev.mtk.spi.FramingProvider;
import dev.mtk.spi.Options;
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
public final class MysqlFramingProvider implements FramingProvider {
    private static final Map<String, String> FORMAT = Map.of("width", "3", "order", "little", "header", "4",
            "fields", "seq@3:1");
    private static final List<String> OPEN = List.of("strip", "length");

    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public String description() {
        return "MySQL/MariaDB packets: 3-byte little-endian length, sequence byte (field seq); options strip, length";
    }

    @Override
    public List<String> options() {
        return OPEN;
    }

    @Override
    public Framing create(Options options) {
        return new LengthFieldFraming(LengthFieldFramingProvider.preset(FORMAT, options), options.limits());
    }
}
