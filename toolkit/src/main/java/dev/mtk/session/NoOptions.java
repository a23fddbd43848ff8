package dev.mtk.session;

import java.util.Map;

/** The check of a handler that takes no options. */
final class NoOptions {
    private NoOptions() {
    }

    static void check(String handler, Map<String, String> options) {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("handler " + handler + " takes no options (got "
                    + String.join(", ", options.keySet()) + ")");
        }
    }
}
