package dev.mtk.internal;

import java.nio.charset.StandardCharsets;

/**
 * The one place a body rendered into a log line is cut short, and its control characters escaped. Every body was logged whole: one 1 MiB frame made a
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
     * {@code text} with every control character but the line feed written as {@code \\xNN} ({@code \\t}, {@code \\r}
     * for those two): a body's raw bytes reached the terminal, where a NUL or an escape sequence does what it likes
     * ({@code --profile seed} against a json server printed {@code Headers^@^@^@^N}). Line feeds stay for the REPL's
     * hex dumps and pretty JSON; one-line renderings have escaped them already.
     */
    public static String escapeControls(String text) {
        return escapeControls(text, true);
    }

    /** {@link #escapeControls(String)}, and line feeds too ({@code \\n}) unless {@code keepLineFeeds}. */
    public static String escapeControls(String text, boolean keepLineFeeds) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && (c != '\n' || !keepLineFeeds)) || (c >= 0x7f && c <= 0x9f);
            if (!control) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(String.format("\\x%02x", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * {@code rendered} when it fits in {@code limit} characters, else its first {@code limit} characters (one fewer
     * rather than half a surrogate pair) followed by {@code " ... (N B more)"}.
     */
    public static String cut(String rendered, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be a positive number of characters: " + limit);
        }
        rendered = escapeControls(rendered);
        if (rendered.length() <= limit) {
            return rendered;
        }
        int end = Character.isHighSurrogate(rendered.charAt(limit - 1)) ? limit - 1 : limit;
        int more = rendered.substring(end).getBytes(StandardCharsets.UTF_8).length;
        return rendered.substring(0, end) + " ... (" + more + " B more)";
    }
}
