package dev.mtk.session;

import dev.mtk.internal.LogText;
import dev.mtk.spi.Frame;
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;
import dev.mtk.spi.RawBytes;
import dev.mtk.spi.Received;
import java.nio.charset.StandardCharsets;

/**
 * A received message: a frame's body, or unframed bytes (the {@code seed} profile's acknowledgement and
 * confirmation), with what it took on the wire and the payload codec that reads it.
 */
public final class Message implements Received {
    private final byte[] body;
    private final int wireSize;
    private final boolean framed;
    private final PayloadCodec codec;
    private boolean confirmation;

    private Message(byte[] body, int wireSize, boolean framed, PayloadCodec codec) {
        this.body = body;
        this.wireSize = wireSize;
        this.framed = framed;
        this.codec = codec;
    }

    /** Marks this message as the client's confirmation; the server does, before any handler sees it. */
    Message confirming(boolean isConfirmation) {
        this.confirmation = isConfirmation;
        return this;
    }

    @Override
    public boolean confirmation() {
        return confirmation;
    }

    static Message of(Frame frame, PayloadCodec codec) {
        return new Message(frame.body(), frame.wireSize(), true, codec);
    }

    static Message of(RawBytes raw, PayloadCodec codec) {
        return new Message(raw.bytes(), raw.length(), false, codec);
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

    /** {@code 63 B} for a frame's body, with {@code (74 B on the wire)} when framing added bytes. */
    String sizes() {
        return wireSize == body.length ? body.length + " B" : wireSize + " B (body " + body.length + " B)";
    }

    @Override
    public String toString() {
        return (framed ? "Message[" : "Message[raw ") + body.length + " B]";
    }
}
