package dev.mtk.session;

import dev.mtk.internal.LogText;
import dev.mtk.exchange.Correlation;
import dev.mtk.spi.Frame;
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;
import dev.mtk.spi.RawBytes;
import dev.mtk.spi.Received;
import dev.mtk.spi.HeaderFields;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A received message: a frame's body, or unframed bytes (the {@code seed} profile's acknowledgement and
 * confirmation), with what it took on the wire and the payload codec that reads it.
 */
public final class Message implements Received {
    private final byte[] body;
    private final int wireSize;
    private final boolean framed;
    private final PayloadCodec codec;
    private final Frame frame;
    private final HeaderFields fields;
    private Map<String, Long> header;
    /** The last {@link #key} read; one immutable value, so another thread never sees a key beside the wrong correlation. */
    private KeyRead keyRead;

    private Message(byte[] body, int wireSize, boolean framed, PayloadCodec codec, Frame frame, HeaderFields fields) {
        this.body = body;
        this.wireSize = wireSize;
        this.framed = framed;
        this.codec = codec;
        this.frame = frame;
        this.fields = fields;
    }

    static Message of(Frame frame, PayloadCodec codec) {
        return of(frame, codec, HeaderFields.NONE);
    }

    /** A frame whose framing names {@code fields}: a received one, or one about to be sent (to read its key). */
    static Message of(Frame frame, PayloadCodec codec, HeaderFields fields) {
        return new Message(frame.body(), frame.wireSize(), true, codec, frame, fields);
    }

    static Message of(RawBytes raw, PayloadCodec codec) {
        return new Message(raw.body(), raw.length(), false, codec, null, HeaderFields.NONE);
    }

    /** The framing's named header fields and their values here; empty when it names none. */
    @Override
    public Map<String, Long> header() {
        Map<String, Long> read = header;
        if (read == null) {
            read = frame == null ? Map.of() : fields.read(frame);
            header = read;
        }
        return read;
    }

    /** The body (the whole unit for unframed bytes); the array is shared, not copied. */
    @Override
    public byte[] body() {
        return body;
    }

    /** Bytes on the wire, header included. */
    @Override
    public int wireSize() {
        return wireSize;
    }

    /** {@code false} for bytes that arrived without framing. */
    @Override
    public boolean framed() {
        return framed;
    }

    /** The body as UTF-8 text, malformed bytes replaced. */
    @Override
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The body's value by the payload codec (maps, lists, strings, numbers for JSON); unframed bytes are text.
     *
     * @throws PayloadException when the body is not valid for the codec
     */
    @Override
    public Object value() throws PayloadException {
        return framed ? codec.decode(body) : text();
    }

    /**
     * The body for people to read, on one line where the codec can manage it, cut at {@link LogText#LIMIT}
     * characters as every log line is; {@link #body()}, {@link #text()} and {@link #value()} are whole.
     */
    @Override
    public String render() {
        return framed ? renderSafely(codec, body) : LogText.cut(dev.mtk.payload.TextPayloadCodec.oneLine(body));
    }

    /**
     * A codec's rendering, or the body as escaped text when the codec (a plugin's, say) fails; cut for a log line.
     */
    static String renderSafely(PayloadCodec codec, byte[] body) {
        try {
            return LogText.cut(codec.render(body));
        } catch (Throwable e) {
            return LogText.cut(dev.mtk.payload.TextPayloadCodec.oneLine(body));
        }
    }

    /**
     * Its key by {@code correlation}, read once: a reply waited for by its key is tested against every message
     * waiting in the inbox, again at each arrival, and reading a JSON key decodes the whole body.
     */
    String key(Correlation correlation) {
        KeyRead read = keyRead;
        if (read == null || read.by() != correlation) {
            read = new KeyRead(correlation, correlation.key(this, codec));
            keyRead = read;
        }
        return read.key();
    }

    /** A key ({@code null}: none) and the correlation it was read by. */
    private record KeyRead(Correlation by, String key) {
    }

    /** {@code 63 B} for a frame's body, with {@code (74 B on the wire)} when framing added bytes. */
    String sizes() {
        return wireSize == body.length ? body.length + " B" : wireSize + " B (body " + body.length + " B)";
    }

    /** {@code [opcode=0 opaque=7] } before a rendered body when the framing names header fields; else empty. */
    String headerText() {
        return headerText(header());
    }

    /** Named header field values as log lines show them before the body: {@code [opcode=0 opaque=7] }, or empty. */
    public static String headerText(Map<String, Long> values) {
        if (values.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("[");
        values.forEach((name, value) -> text.append(text.length() > 1 ? " " : "").append(name).append('=')
                .append(Long.toUnsignedString(value)));
        return text.append("] ").toString();
    }

    @Override
    public String toString() {
        return (framed ? "Message[" : "Message[raw ") + body.length + " B]";
    }
}
