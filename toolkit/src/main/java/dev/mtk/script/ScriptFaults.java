package dev.mtk.script;

import dev.mtk.fault.FaultInjector;
import dev.mtk.fault.FaultyFrames;
import dev.mtk.payload.BytesPayloadCodec;
import dev.mtk.session.ClientSession;
import dev.mtk.session.SessionException;
import dev.mtk.spi.PayloadException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The fault-injection verbs of a script's client ({@code c.sendSplit}, {@code c.drip}, {@code c.sendWithLength}...):
 * values become bodies as {@code send} makes them, then {@link dev.mtk.fault} builds and sends the bytes. Failures
 * become {@link ScriptFailure}s that say what was wrong.
 */
final class ScriptFaults {
    private final ClientSession session;
    private final FaultyFrames frames;
    private final FaultInjector injector;

    ScriptFaults(ClientSession session) {
        this.session = session;
        this.frames = new FaultyFrames(session.profile());
        this.injector = new FaultInjector(session);
    }

    void sendRaw(Object bytes) {
        run(() -> injector.send(bytes(bytes), "raw bytes"));
    }

    void sendSplit(Object value, List<? extends Number> offsets, long pauseMillis) {
        int[] at = offsets.stream().mapToInt(Number::intValue).toArray();
        run(() -> injector.sendSplit(frame(value), at, pause(pauseMillis)));
    }

    void drip(Object value, long pauseMillis) {
        run(() -> injector.drip(frame(value), pause(pauseMillis)));
    }

    void sendWithLength(Object value, long announced) {
        run(() -> injector.send(frames.withLength(body(value), announced), "a frame announcing " + announced + " B"));
    }

    void sendOversize(Object value) {
        run(() -> injector.send(frames.withLargestLength(body(value)), "a frame with the largest length its field holds"));
    }

    void sendGarbage(Object garbage, Object value) {
        byte[] before = bytes(garbage);
        if (value == null) {
            run(() -> injector.send(before, "garbage"));
            return;
        }
        run(() -> {
            byte[] frame = frame(value);
            byte[] both = new byte[before.length + frame.length];
            System.arraycopy(before, 0, both, 0, before.length);
            System.arraycopy(frame, 0, both, before.length, frame.length);
            injector.send(both, before.length + " B of garbage, then a frame");
        });
    }

    void sendHalf(Object value) {
        run(() -> injector.sendHalf(frame(value)));
    }

    void closeHalfway(Object value) {
        run(() -> injector.closeHalfway(frame(value)));
    }

    private byte[] frame(Object value) {
        return frames.frame(body(value));
    }

    private byte[] body(Object value) {
        try {
            return session.profile().payload().encode(ScriptValues.plain(value));
        } catch (PayloadException e) {
            throw new ScriptFailure("cannot send: " + e.getMessage(), e);
        }
    }

    /** Bytes as a script writes them: a byte array, a list of numbers ({@code [0x48, 0x65]}), or text (UTF-8). */
    static byte[] bytes(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof CharSequence text) {
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
        if (value instanceof List<?> list) {
            try {
                return BytesPayloadCodec.numbers(list);
            } catch (PayloadException e) {
                throw new ScriptFailure(e.getMessage(), e);
            }
        }
        throw new ScriptFailure("expected bytes: a byte array, a list of numbers or text, not "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    private static Duration pause(long millis) {
        if (millis < 0) {
            throw new ScriptFailure("a pause must not be negative: " + millis + " ms");
        }
        return Duration.ofMillis(millis);
    }

    private interface Send {
        void run() throws InterruptedException;
    }

    private static void run(Send send) {
        try {
            send.run();
        } catch (IllegalArgumentException e) {
            throw new ScriptFailure(e.getMessage(), e);
        } catch (SessionException e) {
            throw new ScriptFailure("cannot send: the " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScriptFailure("interrupted while sending", e);
        }
    }
}
