package dev.mtk.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mtk.payload.JsonPath;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What differs between a recorded JSON value and a received one, a line per difference, each naming its path:
 * {@code $.count: recorded 1, received 2}, {@code $.extra: not recorded, received true}. Numbers are equal when their
 * values are ({@code 1} and {@code 1.0}); paths covered by an ignored pattern are not compared.
 */
public final class JsonDiff {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final int SHOWN = 80;

    private final List<JsonPath> ignored;

    public JsonDiff(List<JsonPath> ignored) {
        this.ignored = List.copyOf(ignored);
    }

    /** The differences, none when the values are equal outside the ignored paths. */
    public List<String> compare(JsonNode recorded, JsonNode received) {
        List<String> differences = new ArrayList<>();
        compare(recorded, received, new ArrayList<>(), differences);
        return differences;
    }

    private void compare(JsonNode recorded, JsonNode received, List<Object> path, List<String> out) {
        if (isIgnored(path)) {
            return;
        }
        if (recorded.isObject() && received.isObject()) {
            for (Iterator<String> names = recorded.fieldNames(); names.hasNext();) {
                String name = names.next();
                path.add(name);
                if (received.has(name)) {
                    compare(recorded.get(name), received.get(name), path, out);
                } else if (!isIgnored(path)) {
                    out.add(format(path) + ": recorded " + shown(recorded.get(name)) + ", not received");
                }
                path.remove(path.size() - 1);
            }
            for (Iterator<String> names = received.fieldNames(); names.hasNext();) {
                String name = names.next();
                path.add(name);
                if (!recorded.has(name) && !isIgnored(path)) {
                    out.add(format(path) + ": not recorded, received " + shown(received.get(name)));
                }
                path.remove(path.size() - 1);
            }
        } else if (recorded.isArray() && received.isArray()) {
            int common = Math.min(recorded.size(), received.size());
            for (int i = 0; i < Math.max(recorded.size(), received.size()); i++) {
                path.add(i);
                if (i < common) {
                    compare(recorded.get(i), received.get(i), path, out);
                } else if (!isIgnored(path)) {
                    out.add(format(path) + (i < recorded.size() ? ": recorded " + shown(recorded.get(i)) + ", not received"
                            : ": not recorded, received " + shown(received.get(i))));
                }
                path.remove(path.size() - 1);
            }
        } else if (!same(recorded, received)) {
            out.add(format(path) + ": recorded " + shown(recorded) + ", received " + shown(received));
        }
    }

    private static boolean same(JsonNode recorded, JsonNode received) {
        if (recorded.isNumber() && received.isNumber()) {
            return recorded.decimalValue().compareTo(received.decimalValue()) == 0;
        }
        return recorded.equals(received);
    }

    private boolean isIgnored(List<Object> path) {
        for (JsonPath pattern : ignored) {
            if (pattern.covers(path)) {
                return true;
            }
        }
        return false;
    }

    /** {@code $.items[0]['a key']}. */
    static String format(List<Object> path) {
        StringBuilder text = new StringBuilder("$");
        for (Object step : path) {
            if (step instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else if (NAME.matcher((String) step).matches()) {
                text.append('.').append(step);
            } else {
                text.append("['").append(((String) step).replace("'", "\\'")).append("']");
            }
        }
        return text.toString();
    }

    private static String shown(JsonNode value) {
        String text = value.toString();
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN - 3) + "...";
    }
}
