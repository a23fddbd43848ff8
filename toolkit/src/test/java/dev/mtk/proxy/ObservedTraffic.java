package dev.mtk.proxy;

import dev.mtk.record.Direction;
import dev.mtk.record.WireUnit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;

/** A fake observer: every event as a line, {@code "1 c2s frame {"n":1}"}, {@code "1 closed by client"}. */
final class ObservedTraffic implements TrafficObserver {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void opened(long conn, String client, String target, long nanos) {
        lines.add(conn + " opened");
    }

    @Override
    public void unit(long conn, Direction dir, WireUnit unit, long nanos) {
        String what = unit.kind() == WireUnit.Kind.UNDECODABLE ? unit.reason()
                : new String(unit.body(), StandardCharsets.UTF_8);
        lines.add(conn + " " + dir.code() + " " + unit.kind().name().toLowerCase() + " " + what);
    }

    @Override
    public void closed(long conn, String by, String reason, long clientBytes, long serverBytes, long nanos) {
        lines.add(conn + " closed by " + by + (reason == null ? "" : ": " + reason) + " (" + clientBytes + " B, "
                + serverBytes + " B)");
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits until {@code count} connections have closed. */
    void awaitClosed(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> lines.stream().filter(line -> line.contains(" closed by ")).count() >= count);
    }

    /** The lines of connection {@code conn}, without the number. */
    List<String> of(long conn) {
        return lines.stream().filter(line -> line.startsWith(conn + " ")).map(line -> line.substring(line.indexOf(' ') + 1))
                .toList();
    }
}
