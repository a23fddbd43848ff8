package dev.mtk.bench;

import dev.mtk.exchange.Correlation;
import dev.mtk.session.Profile;
import dev.mtk.spi.Frame;
import dev.mtk.spi.HeaderField;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What every connection of a run sends and checks, prepared once before it starts.
 *
 * @param profile      how it speaks, pairs and confirms
 * @param source       the request bodies
 * @param fixedRequest the request's wire bytes when every request is the same, else {@code null}
 * @param confirmation the seed's confirmation's wire bytes, sent after each acknowledgement, or {@code null}
 * @param check        what every reply must satisfy, or {@code null}
 * @param checker      the thread that runs {@code check} when it is user code, else {@code null}
 * @param idField      the header field that carries each request's id ({@code --correlate header.NAME}), looked up
 *                     once here rather than per request, else {@code null}
 */
record Plan(Profile profile, RequestSource source, byte[] fixedRequest, byte[] confirmation, ReplyCheck check,
        Checker checker, HeaderField idField) {

    /** A request ready to send: its wire bytes, and its key when the profile correlates (else {@code null}). */
    record Request(byte[] bytes, String key) {
    }

    /**
     * Request {@code seq} on connection {@code conn}, encoded once; with {@code --correlate header.NAME} the header
     * field carries {@code seq}, wrapped to the field's width (a 2-byte stream id counts 0 .. 65535 and starts
     * again), so that every request in flight has an id of its own.
     *
     * @throws RuntimeException when the framing or the payload refuses it
     */
    Request request(long seq, int conn, RandomGenerator random) {
        byte[] body = source.body(seq, conn, random);
        if (idField == null) {
            Frame frame = new Frame(body);
            String key = profile.correlation().present() ? profile.key(profile.outbound(frame)) : null;
            return new Request(profile.encode(frame), key);
        }
        long id = idField.width() >= Long.BYTES ? seq : seq & ((1L << (Byte.SIZE * idField.width())) - 1);
        // The id just written is the key, so the frame need not be read back.
        return new Request(profile.encode(body, Map.of(idField.name(), id)), Correlation.headerKey(id));
    }
}
