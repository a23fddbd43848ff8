package dev.mtk.limits;

import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.session.IoSession;

/** A closer that remembers whom it closed, and why. */
final class RecordingCloser implements Closer {
    final List<IoSession> closed = new ArrayList<>();
    final List<String> reasons = new ArrayList<>();

    @Override
    public void close(IoSession io, String reason) {
        closed.add(io);
        reasons.add(reason);
    }
}
