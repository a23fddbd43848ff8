package dev.mtk.proxy;

import dev.mtk.record.Direction;
import dev.mtk.record.Recorder;
import dev.mtk.record.WireUnit;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the proxied traffic to a recording ({@code --record FILE}), flushing whenever the traffic pauses. The
 * recorder is made once the proxy is bound, so that the header names the real address.
 */
public final class RecordingObserver implements TrafficObserver {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingObserver.class);

    private final BiFunction<InetSocketAddress, Long, Recorder> start;
    private Recorder recorder;

    /** @param start makes the recorder, given the bound address and the {@link System#nanoTime()} of time zero */
    public RecordingObserver(BiFunction<InetSocketAddress, Long, Recorder> start) {
        this.start = start;
    }

    @Override
    public void listening(InetSocketAddress address, long nanos) {
        recorder = start.apply(address, nanos);
    }

    @Override
    public void opened(long conn, String client, String target, long nanos) {
        recorder.opened(conn, client, nanos);
    }

    @Override
    public void unit(long conn, Direction dir, WireUnit unit, long nanos) {
        recorder.unit(conn, dir, unit, nanos);
    }

    @Override
    public void closed(long conn, String by, String reason, long clientBytes, long serverBytes, long nanos) {
        recorder.closed(conn, by, reason, nanos);
    }

    @Override
    public void idle() {
        if (recorder != null) {
            recorder.flush();
        }
    }

    @Override
    public void stopped() {
        try {
            if (recorder != null) {
                recorder.close();
            }
        } catch (IOException e) {
            LOG.warn("cannot finish the recording: {}", e.getMessage());
        }
    }
}
