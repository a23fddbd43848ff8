package dev.mtk.internal;

import java.nio.charset.StandardCharsets;

/**
 * The one place a body rendered into a log line is cut short. Every body was logged whole: one 1 MiB frame made a
 * 1 MiB log line, on the server, the client, the proxy's printer and the REPL alike. A line keeps the first
 * {@link #LIMIT} characters of the rendering and says how much more there was, {@code ... (N B more)}, N counting
 * the rest of the rendering in UTF-8. Recordings keep every body whole; only what people read is cut.
 */
public final class LogText {
    /** 1 KiB of rendered text: a screenful of JSON, enough to tell one message from another. */
    public static final int LIMIT = 1024;

    private LogText() {
    }

    /** {@code rendered} when it fits in {@link #LIMIT} characters, else its start and what was left out. */
    public static String cut(String rendered) {
        return cut(rendered, LIMIT);
    }

    /**
     * {@code rendered} when it fits in {@code limit} characters, else its first {@code limit} characters (one fewer
     * rather than half a surrogate pair) followed by {@code " ... (N B more)"}.
     */
    public static String cut(String rendered, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be a positive number of characters: " + limit);
        }
        if (rendered.length() <= limit) {
            return rendered;
        }
        int end = Character.isHighSurrogate(rendered.charAt(limit - 1)) ? limit - 1 : limit;
        int more = rendered.substring(end).getBytes(StandardCharsets.UTF_8).length;
        return rendered.substring(0, end) + " ... (" + more + " B more)";
    }
}
