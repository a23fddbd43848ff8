package dev.mtk.wire;

import dev.mtk.internal.CreateErrors;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Framing;
import dev.mtk.spi.FramingProvider;
import dev.mtk.spi.Options;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A framing as users choose it: a {@link FramingProvider} and its options, written {@code NAME[:key=value,...]}
 * ({@code headers}, {@code length-field:width=2,order=little}).
 *
 * @param provider the framing family
 * @param options  the options after the name, in the order given
 */
public record FramingSpec(FramingProvider provider, Map<String, String> options) {

    public FramingSpec {
        Objects.requireNonNull(provider, "provider");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public static FramingSpec of(FramingProvider provider) {
        return new FramingSpec(provider, Map.of());
    }

    /**
     * The options of {@code key=value,key=value}.
     *
     * @throws IllegalArgumentException for a part without {@code =} or a key given twice
     */
    public static Map<String, String> parseOptions(String text) {
        Map<String, String> options = new LinkedHashMap<>();
        if (text.isBlank()) {
            return options;
        }
        for (String part : text.split(",", -1)) {
            int equals = part.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("invalid option '" + part + "': expected key=value");
            }
            String key = part.substring(0, equals).trim();
            if (options.put(key, part.substring(equals + 1).trim()) != null) {
                throw new IllegalArgumentException("option '" + key + "' given twice");
            }
        }
        return options;
    }

    /**
     * The configured framing.
     *
     * @throws IllegalArgumentException when the provider refuses the options or fails, naming it:
     *         {@code framing length-field: unknown option 'size' (known: ...)}
     */
    public Framing create(FrameLimits limits) {
        return CreateErrors.create("framing", provider, Options.of(options, limits));
    }

    /** As users write it: {@code length-field:width=2,order=little}. */
    @Override
    public String toString() {
        if (options.isEmpty()) {
            return provider.name();
        }
        return provider.name() + ":" + options.entrySet().stream()
                .map(option -> option.getKey() + "=" + option.getValue())
                .collect(Collectors.joining(","));
    }
}
