package dev.mtk.record;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mtk.session.Profile;
import dev.mtk.spi.Frame;
import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;

/**
 * Turns what a proxy sees into recording lines: times become milliseconds since the start, bodies become JSON where
 * the payload codec reads them as JSON (with the bytes too when the JSON would not give them back exactly), and a
 * frame whose header is not what the framing writes keeps its exact bytes. Called from one thread.
 */
public final class Recorder implements Closeable {
    private final RecordingWriter writer;
    private final Profile profile;
    private final String framing;
    private final long startNanos;
    /** The time of the last event written, in milliseconds; the recorder is used by one thread at a time. */
    private double lastMs;

    /** @param startNanos {@link System#nanoTime()} at the moment the header's {@code started} names */
    public Recorder(RecordingWriter writer, Profile profile, long startNanos) {
        this.writer = writer;
        this.profile = profile;
        this.framing = profile.framing().toString();
        this.startNanos = startNanos;
    }

    public void opened(long conn, String client, long nanos) {
        writer.write(new Recorded.Open(ms(nanos), conn, client));
    }

    public void unit(long conn, Direction dir, WireUnit unit, long nanos) {
        double ms = ms(nanos);
        switch (unit.kind()) {
            case UNDECODABLE -> writer.write(new Recorded.Undecodable(ms, conn, dir, unit.reason()));
            case GARBAGE, BYTES -> writer.write(new Recorded.Unit(ms, conn, dir, unit.kind(), null, null, unit.size(), null,
                    unit.body(), null));
            case FRAME, RAW -> writer.write(message(ms, conn, dir, unit));
        }
    }

    public void closed(long conn, String by, String reason, long nanos) {
        writer.write(new Recorded.Close(ms(nanos), conn, by, reason));
    }

    /** Makes what was written so far readable in the file. */
    public void flush() {
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private Recorded.Unit message(double ms, long conn, Direction dir, WireUnit unit) {
        byte[] body = unit.body();
        boolean frame = unit.kind() == WireUnit.Kind.FRAME;
        JsonNode json = frame ? RecordedBody.json(profile.payload(), body) : RecordedBody.rawJson(body);
        boolean exact = json != null && (!frame || RecordedBody.reproduces(profile.payload(), json, body));
        byte[] wire = frame && unit.wire() != null && !Arrays.equals(unit.wire(), framed(body)) ? unit.wire() : null;
        return new Recorded.Unit(ms, conn, dir, unit.kind(), frame ? framing : "none", profile.payload().name(),
                unit.size(), json, exact ? null : body, wire);
    }

    private byte[] framed(byte[] body) {
        try {
            return profile.encode(new Frame(body));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * An event's time, never before the last one's: events are written in the order the proxy forwarded them, but each
     * time was read on the I/O thread that forwarded it, and with two I/O threads one may read the clock a few
     * microseconds before the other and queue its event after it. A recording's times never go back (replay waits on
     * them), so that event takes the time of the one before.
     */
    private double ms(long nanos) {
        double ms = Math.max(lastMs, Math.max(0, nanos - startNanos) / 1_000_000.0);
        lastMs = ms;
        return ms;
    }
}
