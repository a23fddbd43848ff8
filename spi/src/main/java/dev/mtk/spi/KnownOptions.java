package dev.mtk.spi;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The check every {@link FrameCodec#create} and {@link HandlerProvider#create} starts with: that each option given is
 * one the codec knows. Its message does not name the codec; mtk puts {@code framing NAME: } or
 * {@code handler NAME: } in front, so a user reads {@code handler kv: unknown option 'bogus' (it takes none)}.
 */
public final class KnownOptions {
    private KnownOptions() {
    }

    /**
     * Refuses the first option of {@code options} that is not in {@code known}.
     *
     * @throws IllegalArgumentException {@code unknown option 'NAME' (known: a, b)}, or {@code (it takes none)}
     */
    public static void check(Map<String, String> options, Collection<String> known) {
        for (String key : options.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown option '" + key + "' ("
                        + (known.isEmpty() ? "it takes none" : "known: " + String.join(", ", known)) + ")");
            }
        }
    }

    /**
     * Refuses any option: for a codec or handler that takes none.
     *
     * @throws IllegalArgumentException {@code unknown option 'NAME' (it takes none)}
     */
    public static void none(Map<String, String> options) {
        check(options, List.of());
    }
}
