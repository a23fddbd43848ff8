package dev.mtk.replay;

import java.util.List;

/**
 * Where a replay did not go as recorded: a reply that differs, one that did not come, one that was not recorded.
 *
 * @param what    one line naming the connection and the reply: {@code connection 1, reply 2 (recorded at 12.345 ms)}
 * @param details one line per difference, e.g. {@code $.count: recorded 1, received 2}
 */
public record Difference(String what, List<String> details) {

    public Difference {
        details = List.copyOf(details);
    }

    /** As printed: the first line, then each detail indented. */
    public String describe() {
        StringBuilder text = new StringBuilder(what);
        for (String detail : details) {
            text.append(System.lineSeparator()).append("  ").append(detail);
        }
        return text.toString();
    }
}
