package dev.mtk.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The named fields of a framing's frames ({@link HeaderField}), read from received frames and written into frames to
 * be sent. A framing without named fields has {@link #NONE}. An immutable value: two are equal when they name the
 * same fields in the same order.
 *
 * @since 1.0
 */
public final class HeaderFields {
    /** No named fields. */
    public static final HeaderFields NONE = new HeaderFields(List.of());

    private final List<HeaderField> fields;

    private HeaderFields(List<HeaderField> fields) {
        this.fields = List.copyOf(fields);
    }

    /**
     * These fields.
     *
     * @throws IllegalArgumentException for two fields of one name
     */
    public static HeaderFields of(List<HeaderField> fields) {
        List<String> names = new ArrayList<>();
        for (HeaderField field : fields) {
            if (names.contains(field.name())) {
                throw new IllegalArgumentException("header field '" + field.name() + "' named twice");
            }
            names.add(field.name());
        }
        return fields.isEmpty() ? NONE : new HeaderFields(fields);
    }

    /**
     * The fields of {@code opcode@1:1,opaque@12:4}, also separated by {@code ;} or {@code +} (a framing's options are
     * separated by commas, so {@code fields=opcode@1:1+opaque@12:4} is how they are given there).
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public static HeaderFields parse(String text) {
        List<HeaderField> fields = new ArrayList<>();
        for (String part : text.split("[,;+]")) {
            if (!part.isBlank()) {
                fields.add(HeaderField.parse(part));
            }
        }
        return of(fields);
    }

    /**
     * The fields, in declaration order.
     *
     * @return an unmodifiable list
     */
    public List<HeaderField> list() {
        return fields;
    }

    /**
     * Whether there are no fields.
     *
     * @return {@code true} for {@link #NONE}
     */
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /**
     * The field called {@code name}.
     *
     * @param name a field's name
     * @return the field, or empty when there is none by that name
     */
    public Optional<HeaderField> named(String name) {
        return fields.stream().filter(field -> field.name().equals(name)).findFirst();
    }

    /**
     * The fields' names, in declaration order.
     *
     * @return the names
     */
    public List<String> names() {
        return fields.stream().map(HeaderField::name).toList();
    }

    /** The byte after the last field: the shortest frame that holds them all. */
    public int end() {
        return fields.stream().mapToInt(HeaderField::end).max().orElse(0);
    }

    /**
     * The values of the fields that {@code frame} holds, in declaration order: read from its header bytes and, past
     * them, its body (a whole-frame framing's body is the frame itself, with no header apart).
     */
    public Map<String, Long> read(Frame frame) {
        if (fields.isEmpty()) {
            return Map.of();
        }
        byte[] header = frame.header();
        byte[] body = frame.body();
        Map<String, Long> values = new LinkedHashMap<>();
        for (HeaderField field : fields) {
            if (field.end() <= header.length) {
                values.put(field.name(), field.read(header, 0));
            } else if (field.offset() >= header.length && field.end() <= header.length + body.length) {
                values.put(field.name(), field.read(body, header.length));
            }
        }
        return Collections.unmodifiableMap(values);
    }

    /**
     * Writes {@code values} by name into {@code frame} (the frame's bytes from its first).
     *
     * @throws IllegalArgumentException for a name that is not a field (naming the fields there are), or a value that
     *                                  is not a whole number or does not fit
     */
    public void write(byte[] frame, Map<String, ?> values) {
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            HeaderField field = named(entry.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "no header field '" + entry.getKey() + "'" + (fields.isEmpty() ? " (the framing names none)"
                            : " (fields: " + String.join(", ", names()) + ")")));
            field.write(frame, number(field, entry.getValue()));
        }
    }

    private static long number(HeaderField field, Object value) {
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.longValue();
        }
        if (value instanceof CharSequence text) {
            String digits = text.toString().trim();
            try {
                return digits.startsWith("0x") ? Long.parseUnsignedLong(digits.substring(2), 16) : Long.parseLong(digits);
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new IllegalArgumentException("header field " + field.name() + " takes a whole number, not " + value);
    }

    /** Equal when the same fields are named in the same order. */
    @Override
    public boolean equals(Object other) {
        return other instanceof HeaderFields h && fields.equals(h.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    /** As written in options: {@code opcode@1:1+opaque@12:4}. */
    @Override
    public String toString() {
        return fields.stream().map(HeaderField::toString).collect(Collectors.joining("+"));
    }
}
