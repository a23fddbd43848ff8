package dev.mtk.wire;

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
public final class PostgresFramingProvider extends PresetFramingProvider {
    public PostgresFramingProvider() {
        super("postgres", "PostgreSQL messages after startup: type byte (field type), 4-byte length counting "
                + "itself; options strip, length",
                Map.of("offset", "1", "width", "4", "counts", "self", "fields", "type@0:1"),
                List.of("strip", "length"));
    }
}
