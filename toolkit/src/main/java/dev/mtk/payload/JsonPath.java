package dev.mtk.payload;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A JSON path: what {@code --ignore} leaves out of a comparison, and what {@code --correlate} reads a reply's id
 * from. The common subset of JSONPath: {@code $.time},
 * {@code $.items[0].id}, {@code $.items[*].ts}, {@code $['a key']}, {@code $.*.ts}, and {@code $..ts} for a member
 * called {@code ts} at any depth. A pattern covers the value it names and everything inside it.
 */
public final class JsonPath {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");

    /** One step: a member name, an index, or any ({@code *}); {@code deep} when it may be any number of levels down. */
    private record Step(String name, int index, boolean any, boolean deep) {
        boolean matches(Object key) {
            if (any) {
                return true;
            }
            return name != null ? name.equals(key) : key instanceof Integer i && i == index;
        }
    }

    private final String text;
    private final List<Step> steps;

    private JsonPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = steps;
    }

    /**
     * Parses {@code text}; a path without the leading {@code $} is taken from the root ({@code time} is
     * {@code $.time}).
     *
     * @throws IllegalArgumentException saying where the path goes wrong
     */
    public static JsonPath parse(String text) {
        String path = text.trim();
        if (!path.startsWith("$")) {
            path = path.startsWith("[") ? "$" + path : "$." + path;
        }
        List<Step> steps = new ArrayList<>();
        int at = 1;
        while (at < path.length()) {
            boolean deep = path.startsWith("..", at);
            char c = path.charAt(at);
            if (c == '.') {
                at += deep ? 2 : 1;
                if (at < path.length() && path.charAt(at) == '*') {
                    steps.add(new Step(null, -1, true, deep));
                    at++;
                    continue;
                }
                if (deep && at < path.length() && path.charAt(at) == '[') {
                    at = bracket(text, path, at, steps, true);
                    continue;
                }
                var name = NAME.matcher(path).region(at, path.length());
                if (!name.lookingAt()) {
                    throw invalid(text, "expected a member name at position " + (at + 1));
                }
                steps.add(new Step(name.group(), -1, false, deep));
                at = name.end();
            } else if (c == '[') {
                at = bracket(text, path, at, steps, false);
            } else {
                throw invalid(text, "expected . or [ at position " + (at + 1));
            }
        }
        return new JsonPath(text, List.copyOf(steps));
    }

    private static int bracket(String text, String path, int at, List<Step> steps, boolean deep) {
        int close = path.indexOf(']', at);
        if (close < 0) {
            throw invalid(text, "a [ without ]");
        }
        String inside = path.substring(at + 1, close).trim();
        if (inside.equals("*")) {
            steps.add(new Step(null, -1, true, deep));
        } else if ((inside.startsWith("'") && inside.endsWith("'") || inside.startsWith("\"") && inside.endsWith("\""))
                && inside.length() >= 2) {
            steps.add(new Step(inside.substring(1, inside.length() - 1), -1, false, deep));
        } else {
            try {
                steps.add(new Step(null, Integer.parseInt(inside), false, deep));
            } catch (NumberFormatException e) {
                throw invalid(text, "expected an index, * or a quoted name in [" + inside + "]");
            }
        }
        return close + 1;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid JSON path '" + text + "': " + why
                + " (examples: $.time, $.items[*].id, $..timestamp)");
    }

    /** Whether the value at {@code path} (member names and array indexes from the root) is this one or inside it. */
    public boolean covers(List<Object> path) {
        return covers(0, path, 0);
    }

    private boolean covers(int step, List<Object> path, int at) {
        if (step == steps.size()) {
            return true;
        }
        Step next = steps.get(step);
        if (next.deep()) {
            for (int i = at; i < path.size(); i++) {
                if (next.matches(path.get(i)) && covers(step + 1, path, i + 1)) {
                    return true;
                }
            }
            return false;
        }
        return at < path.size() && next.matches(path.get(at)) && covers(step + 1, path, at + 1);
    }

    /**
     * The value this path names in {@code root} (maps and lists, as payload codecs decode), or {@code null} when it
     * names nothing there. With {@code *} or {@code ..}, the first value found, members in their order.
     */
    public Object select(Object root) {
        return select(0, root);
    }

    private Object select(int step, Object value) {
        if (step == steps.size()) {
            return value;
        }
        Step next = steps.get(step);
        for (Object[] child : children(value)) {
            if (next.matches(child[0])) {
                Object found = select(step + 1, child[1]);
                if (found != null) {
                    return found;
                }
            }
            if (next.deep()) {
                Object found = select(step, child[1]);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Pairs of key (a member name or an index) and value. */
    private static List<Object[]> children(Object value) {
        List<Object[]> children = new ArrayList<>();
        if (value instanceof java.util.Map<?, ?> map) {
            map.forEach((key, child) -> children.add(new Object[] {String.valueOf(key), child}));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                children.add(new Object[] {i, list.get(i)});
            }
        }
        return children;
    }

    /**
     * The member names ({@link String}) and indexes ({@link Integer}) from the root, for a {@link #definite()} path.
     *
     * @throws IllegalStateException for a path with {@code *} or {@code ..}
     */
    public List<Object> steps() {
        if (!definite()) {
            throw new IllegalStateException("the path " + text + " names more than one value");
        }
        return steps.stream().map(step -> step.name() != null ? (Object) step.name() : (Object) step.index()).toList();
    }

    /** Whether the path names one value at most: no {@code *}, no {@code ..}. */
    public boolean definite() {
        return steps.stream().noneMatch(step -> step.any() || step.deep());
    }

    @Override
    public String toString() {
        return text;
    }
}
