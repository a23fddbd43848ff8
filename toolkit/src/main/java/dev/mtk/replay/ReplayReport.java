package dev.mtk.replay;

import java.util.List;

/**
 * How a client-side replay went.
 *
 * @param connections connections replayed
 * @param sent        frames and other units sent
 * @param compared    replies compared with the recorded ones
 * @param differences everything that did not go as recorded, in the order it was found
 */
public record ReplayReport(int connections, int sent, int compared, List<Difference> differences) {

    public ReplayReport {
        differences = List.copyOf(differences);
    }

    public boolean matches() {
        return differences.isEmpty();
    }

    /** {@code replayed 2 connections: 6 sent, 4 replies compared, all as recorded}. */
    public String summary() {
        return "replayed " + connections + (connections == 1 ? " connection: " : " connections: ") + sent + " sent, "
                + compared + (compared == 1 ? " reply" : " replies") + " compared, "
                + (differences.isEmpty() ? "all as recorded"
                        : differences.size() + (differences.size() == 1 ? " difference" : " differences"));
    }
}
