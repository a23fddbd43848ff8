package dev.mtk.wire;

import dev.mtk.spi.Framing;
import dev.mtk.spi.FramingProvider;
import dev.mtk.spi.HeaderFields;
import dev.mtk.spi.Options;
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
public final class LengthFieldFramingProvider implements FramingProvider {
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
    public List<String> options() {
        return OPTIONS;
    }

    @Override
    public Framing create(Options options) {
        return new LengthFieldFraming(format(options), options.limits());
    }

    /**
     * The format {@code options} describe; their names were checked against {@link #OPTIONS} by the caller.
     *
     * @throws IllegalArgumentException for a bad value, naming it and the choices
     */
    static LengthFieldFormat format(Options options) {
        LengthFieldFormat.Builder builder = LengthFieldFormat.builder()
                .magics(magics(options.get("magic", "")))
                .lengthWidth(options.getInt("width", 4))
                .order(order(options.get("order", "big")))
                .lengthAdjustment(options.getInt("adjust", 0))
                .counts(counts(options))
                .trailer(bytes("trailer", options.get("trailer", "")))
                .wholeFrame(strip(options.get("strip", "header")))
                .fillLength(fill(options.get("length", "check")))
                .fields(HeaderFields.parse(options.get("fields", "")));
        if (options.get("offset") != null) {
            builder.lengthOffset(options.getInt("offset", 0));
        }
        if (options.get("header") != null) {
            builder.headerLength(options.getInt("header", 0));
        }
        return builder.build();
    }

    /**
     * A preset's format: its {@code fixed} options, with the user's {@code options} (those the preset opens, checked
     * by the caller against its {@code options()}) over them.
     */
    static LengthFieldFormat preset(Map<String, String> fixed, Options options) {
        Map<String, String> merged = new LinkedHashMap<>(fixed);
        merged.putAll(options.asMap());
        return format(Options.of(merged));
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

    private static ByteOrder order(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "big", "be" -> ByteOrder.BIG_ENDIAN;
            case "little", "le" -> ByteOrder.LITTLE_ENDIAN;
            default -> throw new IllegalArgumentException("invalid order '" + value + "': expected big or little");
        };
    }

    private static LengthFieldFormat.Counts counts(Options options) {
        LengthFieldFormat.Counts counts = switch (options.get("counts", "body").toLowerCase(Locale.ROOT)) {
            case "body" -> LengthFieldFormat.Counts.BODY;
            case "self" -> LengthFieldFormat.Counts.SELF;
            case "frame" -> LengthFieldFormat.Counts.FRAME;
            default -> throw new IllegalArgumentException("invalid counts '" + options.get("counts")
                    + "': expected body, self or frame");
        };
        String includes = options.get("includes-header");
        if (includes == null) {
            return counts;
        }
        boolean header = options.getBoolean("includes-header", false);
        if (options.get("counts") != null && header != (counts == LengthFieldFormat.Counts.FRAME)) {
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
