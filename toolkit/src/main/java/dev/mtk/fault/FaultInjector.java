package dev.mtk.fault;

import dev.mtk.session.ClientSession;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends bytes the awkward ways TCP may deliver them, and the wrong ways a broken client writes them, on a
 * {@link ClientSession} ({@link ClientSession#sendRaw}): in pieces with pauses between them, a byte at a time, half a
 * frame and then nothing. Scripts reach it through {@code ScriptClient} ({@code c.sendSplit(...)}, {@code c.drip(...)});
 * anything holding a session can use it.
 *
 * <p>Pieces are written one by one and the pause taken after each, so on loopback each piece leaves as its own
 * segment; a receiver may still read several together if it reads late, as TCP allows.
 */
public final class FaultInjector {
    private static final Logger LOG = LoggerFactory.getLogger("mtk.fault");

    private final ClientSession session;

    public FaultInjector(ClientSession session) {
        this.session = session;
    }

    /** {@code bytes} exactly as they are, in one write. */
    public void send(byte[] bytes, String what) {
        session.sendRaw(bytes);
        log("sent " + what + ", " + bytes.length + " B");
    }

    /** {@code bytes} cut before each of {@code offsets}, with {@code pause} after each piece but the last. */
    public void sendSplit(byte[] bytes, int[] offsets, Duration pause) throws InterruptedException {
        List<byte[]> pieces = FaultyFrames.split(bytes, offsets);
        sendPieces(pieces, pause);
        log("sent " + bytes.length + " B in " + pieces.size() + " pieces of "
                + pieces.stream().map(piece -> String.valueOf(piece.length)).collect(Collectors.joining(", ")) + " B, "
                + pause.toMillis() + " ms apart");
    }

    /** {@code bytes} one byte at a time, with {@code pause} between them. */
    public void drip(byte[] bytes, Duration pause) throws InterruptedException {
        int[] offsets = new int[Math.max(0, bytes.length - 1)];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = i + 1;
        }
        sendPieces(FaultyFrames.split(bytes, offsets), pause);
        log("dripped " + bytes.length + " B, one every " + pause.toMillis() + " ms");
    }

    /** The first half of {@code frame}, and nothing more. */
    public void sendHalf(byte[] frame) {
        byte[] half = FaultyFrames.half(frame);
        session.sendRaw(half);
        log("sent the first " + half.length + " of " + frame.length + " B of a frame");
    }

    /** The first half of {@code frame}, then closes the connection. */
    public void closeHalfway(byte[] frame) {
        sendHalf(frame);
        session.close();
    }

    private void sendPieces(List<byte[]> pieces, Duration pause) throws InterruptedException {
        for (int i = 0; i < pieces.size(); i++) {
            session.sendRaw(pieces.get(i));
            if (i < pieces.size() - 1 && !pause.isZero()) {
                // The point of the pause: the receiver sees the piece alone. Not a wait for something to happen.
                Thread.sleep(pause.toMillis());
            }
        }
    }

    private void log(String event) {
        if (LOG.isInfoEnabled()) {
            String peer = session.peer();
            LOG.info("{} {}", peer.length() >= 21 ? peer : peer + " ".repeat(21 - peer.length()), event);
        }
    }
}
