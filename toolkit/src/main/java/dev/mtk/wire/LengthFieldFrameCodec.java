package dev.mtk.wire;

import dev.mtk.spi.FrameCodec;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Framing;
import dev.mtk.spi.HeaderFields;
import dev.mtk.spi.KnownOptions;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code length-field}: any {@link LengthFieldFormat}, described with options, e.g.
 * {@code length-field:magic=Headers,width=4} (the same as {@code headers}),
 * {@code length-field:width=2,order=little,counts=frame} or, for AMQP,
 * {@code length-field:offset=3,trailer=0xce,fields=type@0:1+channel@1:2}.
 *
 * <table>
 * <caption>Options</caption>
 * <tr><th>option</th><th>values</th><th>default</th></tr>
 * <tr><td>{@code magic}</td><td>ASCII text, or hex after {@code 0x}; several of one length joined by {@code |}</td>
 *     <td>none</td></tr>
 * <tr><td>{@code offset}</td><td>where the length field starts</td><td>the magic's length</td></tr>
 * <tr><td>{@code width}</td><td>1, 2, 3, 4, 8</td><td>4</td></tr>
 * <tr><td>{@code order}</td><td>{@code big}, {@code little}</td><td>big</td></tr>
 * <tr><td>{@code adjust}</td><td>added to the field's value</td><td>0</td></tr>
 * <tr><td>{@code counts}</td><td>{@code body}, {@code self} (from the field to the frame's end), {@code frame}</td>
 *     <td>body</td></tr>
 * <tr><td>{@code includes-header}</td><td>{@code true} (the same as {@code counts=frame}), {@code false}</td>
 *     <td>false</td></tr>
 * <tr><td>{@code header}</td><td>bytes before the body, when the header goes on after the length field</td>
 *     <td>offset + width</td></tr>
 * <tr><td>{@code trailer}</td><td>fixed bytes after the body: text, or hex after {@code 0x}</td><td>none</td></tr>
 * <tr><td>{@code strip}</td><td>{@code header} (a message is the body), {@code none} (the whole frame)</td>
 *     <td>header</td></tr>
 * <tr><td>{@code length}</td><td>{@code check}, {@code fill} (strip=none: write the length of frames sent)</td>
 *     <td>check</td></tr>
 * <tr><td>{@code fields}</td><td>named header fields, {@code name@offset:width[:le]} joined by {@code +}</td>
 *     <td>none</td></tr>
 * </table>
 */
public final class LengthFieldFrameCodec implements FrameCodec {
    static final List<String> OPTIONS = List.of("magic", "offset", "width", "order", "adjust", "counts",
            "includes-header", "header", "trailer", "strip", "length", "fields");

    @Override
    public String name() {
        return "length-field";
    }

    @Override
    public String description() {
        return "length prefix: options magic (a|b), offset, width (1/2/3/4/8), order (big/little), adjust, "
                + "counts (body/self/frame), header, trailer, strip (header/none), length (check/fill), fields";
    }

    @Override
    public Framing create(Map<String, String> options, FrameLimits limits) {
        return new LengthFieldFraming(format(options), limits);
    }

    /**
     * The format {@code options} describe.
     *
     * @throws IllegalArgumentException for an unknown option or a bad value, naming it and the choices
     */
    static LengthFieldFormat format(Map<String, String> options) {
        KnownOptions.check(options, OPTIONS);
        LengthFieldFormat.Builder builder = LengthFieldFormat.builder()
                .magics(magics(options.getOrDefault("magic", "")))
                .lengthWidth(options.containsKey("width") ? integer(options, "width") : 4)
                .order(order(options.getOrDefault("order", "big")))
                .lengthAdjustment(options.containsKey("adjust") ? integer(options, "adjust") : 0)
                .counts(counts(options))
                .trailer(bytes("trailer", options.getOrDefault("trailer", "")))
                .wholeFrame(strip(options.getOrDefault("strip", "header")))
                .fillLength(fill(options.getOrDefault("length", "check")))
                .fields(HeaderFields.parse(options.getOrDefault("fields", "")));
        if (options.containsKey("offset")) {
            builder.lengthOffset(integer(options, "offset"));
        }
        if (options.containsKey("header")) {
            builder.headerLength(integer(options, "header"));
        }
        return builder.build();
    }

    /**
     * A preset's format: its {@code fixed} options, with the user's {@code options} over them for the keys in
     * {@code open}.
     *
     * @throws IllegalArgumentException for an option the preset does not open, naming the ones it does
     */
    static LengthFieldFormat preset(Map<String, String> fixed, List<String> open, Map<String, String> options) {
        try {
            KnownOptions.check(options, open);
        } catch (IllegalArgumentException refused) {
            throw new IllegalArgumentException(refused.getMessage() + "; use length-field for another shape");
        }
        Map<String, String> merged = new LinkedHashMap<>(fixed);
        merged.putAll(options);
        return format(merged);
    }

    private static List<byte[]> magics(String value) {
        List<byte[]> magics = new ArrayList<>();
        if (!value.isEmpty()) {
            for (String one : value.split("\\|", -1)) {
                magics.add(bytes("magic", one.trim()));
            }
        }
        return magics;
    }

    private static byte[] bytes(String key, String value) {
        if (value.startsWith("0x") || value.startsWith("0X")) {
            try {
                return HexFormat.of().parseHex(value.substring(2));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid " + key + " '" + value
                        + "': expected hex digits after 0x, in pairs");
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

    private static LengthFieldFormat.Counts counts(Map<String, String> options) {
        LengthFieldFormat.Counts counts = switch (options.getOrDefault("counts", "body").toLowerCase(Locale.ROOT)) {
            case "body" -> LengthFieldFormat.Counts.BODY;
            case "self" -> LengthFieldFormat.Counts.SELF;
            case "frame" -> LengthFieldFormat.Counts.FRAME;
            default -> throw new IllegalArgumentException("invalid counts '" + options.get("counts")
                    + "': expected body, self or frame");
        };
        if (!options.containsKey("includes-header")) {
            return counts;
        }
        String includes = options.get("includes-header");
        boolean header = switch (includes.toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException("invalid includes-header '" + includes
                    + "': expected true or false");
        };
        if (options.containsKey("counts") && header != (counts == LengthFieldFormat.Counts.FRAME)) {
            throw new IllegalArgumentException("includes-header=" + includes + " contradicts counts="
                    + options.get("counts") + " (includes-header=true means counts=frame; give only counts)");
        }
        return header ? LengthFieldFormat.Counts.FRAME : counts;
    }

    private static boolean strip(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "header" -> false;
            case "none" -> true;
            default -> throw new IllegalArgumentException("invalid strip '" + value
                    + "': expected header (a message is the body) or none (the whole frame)");
        };
    }

    private static boolean fill(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "check" -> false;
            case "fill" -> true;
            default -> throw new IllegalArgumentException("invalid length '" + value
                    + "': expected check (refuse a frame whose length field is wrong) or fill (write it)");
        };
    }
}
