package dev.mtk.wire;

import dev.mtk.spi.Framing;
import dev.mtk.spi.FramingProvider;
import dev.mtk.spi.Options;
import java.util.List;
import java.util.Map;

/**
 * {@code postgres}: PostgreSQL's messages after startup, a type byte (field {@code type}) and a 4-byte big-endian
 * length that counts itself and the body. (The startup message has no type byte: it is not one of these frames.)
 *
 * <pre>
 * length-field:offset=1,width=4,counts=self,fields=type@0:1
 *
 * BEFORE DECODE (9 bytes): Query "ok;"              AFTER DECODE (4 bytes, type = 0x51 'Q')
 * +------+-------------+-------------+              +-------------+
 * | 51   | 00 00 00 08 | 6f 6b 3b 00 |  ----------> | 6f 6b 3b 00 |
 * | 'Q'  | length 8    | "ok;\0"     |              | "ok;\0"     |
 * +------+-------------+-------------+              +-------------+
 * </pre>
 */
public final class PostgresFramingProvider implements FramingProvider {
    private static final Map<String, String> FORMAT = Map.of("offset", "1", "width", "4", "counts", "self",
            "fields", "type@0:1");
    private static final List<String> OPEN = List.of("strip", "length");

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String description() {
        return "PostgreSQL messages after startup: type byte (field type), 4-byte length counting itself; "
                + "options strip, length";
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
