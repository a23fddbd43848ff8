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
