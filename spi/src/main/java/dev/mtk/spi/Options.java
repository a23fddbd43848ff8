package dev.mtk.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The options a user gave a provider, the {@code key=value} pairs after its name ({@code width=2,order=little}), with
 * the frame limits a framing honours. Immutable; two are equal when they hold the same pairs and limits.
 *
 * <p>The typed getters refuse a malformed value with a message naming the option, the value and what it takes
 * ({@code invalid width 'two': expected a whole number}); mtk puts the provider's kind and name in front.
 *
 * @since 1.0
 */
public final class Options {
    private static final Options NONE = new Options(Map.of(), FrameLimits.DEFAULT);

    private final Map<String, String> values;
    private final FrameLimits limits;

    private Options(Map<String, String> values, FrameLimits limits) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * No options, and the default limits.
     *
     * @return the empty options
     */
    public static Options none() {
        return NONE;
    }

    /**
     * These options, with the default limits ({@link FrameLimits#DEFAULT}).
     *
     * @param values option names and values, copied in their iteration order
     * @return the options
     */
    public static Options of(Map<String, String> values) {
        return of(values, FrameLimits.DEFAULT);
    }

    /**
     * These options, with {@code limits}.
     *
     * @param values option names and values, copied in their iteration order
     * @param limits the frame limits a framing honours
     * @return the options
     */
    public static Options of(Map<String, String> values, FrameLimits limits) {
        Objects.requireNonNull(values, "values");
        for (Map.Entry<String, String> entry : values.entrySet()) {
            Objects.requireNonNull(entry.getKey(), "option name");
            Objects.requireNonNull(entry.getValue(), () -> "value of option " + entry.getKey());
        }
        return values.isEmpty() && limits.equals(FrameLimits.DEFAULT) ? NONE : new Options(values, limits);
    }

    /**
     * Every option, in the order given.
     *
     * @return an unmodifiable map of names to values
     */
    public Map<String, String> asMap() {
        return values;
    }

    /**
     * The value of option {@code name}.
     *
     * @param name the option's name
     * @return its value as given, or {@code null} when it was not given
     */
    public String get(String name) {
        return values.get(name);
    }

    /**
     * The value of option {@code name}, or {@code fallback}.
     *
     * @param name     the option's name
     * @param fallback what to return when it was not given
     * @return its value as given, or {@code fallback}
     */
    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /**
     * The value of option {@code name} as a whole number, or {@code fallback}.
     *
     * @param name     the option's name
     * @param fallback what to return when it was not given
     * @return its value, or {@code fallback}
     * @throws IllegalArgumentException {@code invalid NAME 'VALUE': expected a whole number}
     */
    public int getInt(String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + name + " '" + value + "': expected a whole number");
        }
    }

    /**
     * The value of option {@code name} as {@code true} ({@code yes}) or {@code false} ({@code no}), or
     * {@code fallback}.
     *
     * @param name     the option's name
     * @param fallback what to return when it was not given
     * @return its value, or {@code fallback}
     * @throws IllegalArgumentException {@code invalid NAME 'VALUE': expected true or false}
     */
    public boolean getBoolean(String name, boolean fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException("invalid " + name + " '" + value
                    + "': expected true or false");
        };
    }

    /**
     * The limits a framing honours: the largest frame, and whether garbage closes the session.
     *
     * @return the limits given, else {@link FrameLimits#DEFAULT}
     */
    public FrameLimits limits() {
        return limits;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Options o && values.equals(o.values) && limits.equals(o.limits);
    }

    @Override
    public int hashCode() {
        return 31 * values.hashCode() + limits.hashCode();
    }

    /** As users write them: {@code width=2,order=little}; the limits are not shown. */
    @Override
    public String toString() {
        return values.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(","));
    }
}
