package dev.mtk.script;

import dev.mtk.session.Message;
import dev.mtk.spi.PayloadException;
import dev.mtk.spi.Received;
import java.util.Map;

/**
 * A received message as scripts see it, with Groovy properties: {@code msg.value} (maps, lists, strings, numbers for
 * JSON), {@code msg.text}, {@code msg.body} (bytes), {@code msg.bytes} (a reader: {@code msg.bytes.u16(6)}),
 * {@code msg.size}, {@code msg.wireSize}, {@code msg.framed}, {@code msg.header} (the framing's named header fields:
 * {@code msg.header.opaque}); {@code msg['key']} reads a key of a JSON object. It prints as it renders in the log,
 * its header fields first: {@code [opaque=7] {"ok":true}}.
 */
public final class ScriptMessage {
    private final Received message;
    private Object value;
    private boolean decoded;

    /** A received message for scripts and the REPL's Groovy expressions. */
    public ScriptMessage(Received message) {
        this.message = message;
    }

    /**
     * The decoded value.
     *
     * @throws ScriptFailure when the body is not valid for the payload codec
     */
    public Object getValue() {
        if (!decoded) {
            try {
                value = message.value();
            } catch (PayloadException e) {
                throw new ScriptFailure("cannot read the message's value: " + e.getMessage());
            }
            decoded = true;
        }
        return value;
    }

    public String getText() {
        return message.text();
    }

    public byte[] getBody() {
        return message.body();
    }

    /** The body read field by field at byte offsets: {@code msg.bytes.u16(6)} ({@link BinaryReader}). */
    public BinaryReader getBytes() {
        return new BinaryReader(message.body());
    }

    /** Bytes of the body. */
    public int getSize() {
        return message.body().length;
    }

    /** Bytes on the wire, header included. */
    public int getWireSize() {
        return message.wireSize();
    }

    public boolean isFramed() {
        return message.framed();
    }

    /**
     * The framing's named header fields and their values ({@code msg.header.opaque}), as whole numbers; empty when the
     * framing names none, and a field the frame is too short to hold is missing.
     */
    public Map<String, Long> getHeader() {
        return message.header();
    }

    /** {@code msg['key']}: a key of the JSON object this message holds, or {@code null}. */
    public Object getAt(String key) {
        return getValue() instanceof java.util.Map<?, ?> map ? map.get(key) : null;
    }

    Received message() {
        return message;
    }

    @Override
    public String toString() {
        return Message.headerText(message.header()) + message.render();
    }
}
