package dev.mtk.wire;

import dev.mtk.spi.FrameCodec;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Framing;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code length-field}: any {@link LengthFieldFormat}, described with options, e.g.
 * {@code length-field:magic=Headers,width=4} (the same as {@code headers}) or
 * {@code length-field:width=2,order=little,includes-header=true}.
 *
 * <table>
 * <caption>Options</caption>
 * <tr><th>option</th><th>values</th><th>default</th></tr>
 * <tr><td>{@code magic}</td><td>ASCII text, or hex after {@code 0x}</td><td>none</td></tr>
 * <tr><td>{@code offset}</td><td>where the length field starts</td><td>the magic's length</td></tr>
 * <tr><td>{@code width}</td><td>1, 2, 4, 8</td><td>4</td></tr>
 * <tr><td>{@code order}</td><td>{@code big}, {@code little}</td><td>big</td></tr>
 * <tr><td>{@code adjust}</td><td>added to the field's value</td><td>0</td></tr>
 * <tr><td>{@code includes-header}</td><td>{@code true}, {@code false}</td><td>false</td></tr>
 * </table>
 */
public final class LengthFieldFrameCodec implements FrameCodec {
    private static final List<String> OPTIONS = List.of("magic", "offset", "width", "order", "adjust", "includes-header");

    @Override
    public String name() {
        return "length-field";
    }

    @Override
    public String description() {
        return "length prefix: options magic, offset, width (1/2/4/8), order (big/little), adjust, includes-header";
    }

    @Override
    public Framing create(Map<String, String> options, FrameLimits limits) {
        for (String key : options.keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new IllegalArgumentException("unknown option '" + key + "' for framing length-field (known: "
                        + String.join(", ", OPTIONS) + ")");
            }
        }
        byte[] magic = magic(options.getOrDefault("magic", ""));
        int offset = options.containsKey("offset") ? integer(options, "offset") : magic.length;
        int width = options.containsKey("width") ? integer(options, "width") : 4;
        ByteOrder order = order(options.getOrDefault("order", "big"));
        int adjust = options.containsKey("adjust") ? integer(options, "adjust") : 0;
        boolean includesHeader = bool(options.getOrDefault("includes-header", "false"));
        return new LengthFieldFraming(new LengthFieldFormat(magic, offset, width, order, adjust, includesHeader), limits);
    }

    private static byte[] magic(String value) {
        if (value.startsWith("0x") || value.startsWith("0X")) {
            try {
                return HexFormat.of().parseHex(value.substring(2));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid magic '" + value + "': expected hex digits after 0x, in pairs");
            }
        }
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    private static int integer(Map<String, String> options, String key) {
        String value = options.get(key);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + key + " '" + value + "': expected a whole number");
        }
    }

    private static ByteOrder order(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "big", "be" -> ByteOrder.BIG_ENDIAN;
            case "little", "le" -> ByteOrder.LITTLE_ENDIAN;
            default -> throw new IllegalArgumentException("invalid order '" + value + "': expected big or little");
        };
    }

    private static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException("invalid includes-header '" + value + "': expected true or false");
        };
    }
}
