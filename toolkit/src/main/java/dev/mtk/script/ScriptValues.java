package dev.mtk.script;

import groovy.lang.GString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values as scripts write them, made plain for payload codecs: a Groovy string ({@code "no such key: $key"}) becomes
 * a {@link String} wherever it is, inside maps and lists too. Jackson would otherwise write a GString as a bean, its
 * {@code values}, {@code strings} and {@code bytes} instead of its text.
 */
public final class ScriptValues {
    private ScriptValues() {
    }

    /**
     * A whole number option ({@code port:}, {@code timeout:}), given as a number or as text (arguments arrive as
     * text: {@code connect(port: args[0])}).
     *
     * @throws ScriptFailure naming the option when it is neither
     */
    static long number(Map<String, ?> options, String name, long fallback) {
        Object value = options.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new ScriptFailure(name + " must be a whole number: '" + value + "'");
        }
    }

    /**
     * The {@code header:} a verb was given among its named options ({@code reply(value, header: [opaque: 7])}), or an
     * empty map; names are made plain text, values stay for the framing to check.
     *
     * @throws ScriptFailure for an option the verb does not take (naming those it does), or a header that is not a map
     */
    public static Map<String, Object> header(String verb, Map<?, ?> options, List<String> known) {
        for (Object key : options.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                throw new ScriptFailure(verb + " takes " + String.join(", ", known.stream().map(k -> k + ":").toList())
                        + " as named options, not " + key + ":");
            }
        }
        Object header = options.get("header");
        if (header == null) {
            return Map.of();
        }
        if (!(header instanceof Map<?, ?> fields)) {
            throw new ScriptFailure(verb + ": header: must be a map of field names to numbers, e.g. header: [opaque: 7],"
                    + " not " + header);
        }
        Map<String, Object> plain = new LinkedHashMap<>();
        fields.forEach((name, value) -> plain.put(String.valueOf(name), plain(value)));
        return plain;
    }

    /**
     * {@code value} as {@link #plain} makes it, for a codec that encodes it at once: the value itself when nothing in
     * it would change, so that a reply of maps the script built (or a stored value it looked up) is not copied first.
     * Not for a value kept to be encoded later ({@code replyLater}): only a copy protects that from the script's later
     * changes.
     *
     * <p>Why: copying every reply was 8 % of a behaviour thread's samples (JFR) under the kv mock's pipelined load, the
     * reply map and the stored value it carries copied entry by entry, though they rarely hold a GString.
     */
    static Object plainNow(Object value) {
        return isPlain(value) ? value : plain(value);
    }

    /** True when {@link #plain} would return an equal value of the same shape: no GString, array or set inside. */
    private static boolean isPlain(Object value) {
        // Most of what a reply holds, tested first by exact class: an interface test (Map, List) on a String walks
        // its interfaces.
        if (value == null || value.getClass() == String.class || value.getClass() == Boolean.class
                || value.getClass() == Integer.class || value.getClass() == Long.class) {
            return true;
        }
        if (value instanceof GString || value instanceof Object[]) {
            return false;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!isPlain(entry.getKey()) || !isPlain(entry.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> items) {
            for (Object item : items) {
                if (!isPlain(item)) {
                    return false;
                }
            }
            return true;
        }
        return !(value instanceof Collection<?>);
    }

    /** {@code value} with every GString in it turned into a String; maps keep their order. */
    public static Object plain(Object value) {
        if (value instanceof GString text) {
            return text.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>(map.size() * 2);
            map.forEach((key, item) -> copy.put(plain(key), plain(item)));
            return copy;
        }
        if (value instanceof Collection<?> items) {
            List<Object> copy = new ArrayList<>(items.size());
            items.forEach(item -> copy.add(plain(item)));
            return copy;
        }
        if (value instanceof Object[] items) {
            List<Object> copy = new ArrayList<>(items.length);
            for (Object item : items) {
                copy.add(plain(item));
            }
            return copy;
        }
        return value;
    }
}
