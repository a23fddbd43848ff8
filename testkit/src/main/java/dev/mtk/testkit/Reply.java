package dev.mtk.testkit;

import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A reply a handler sent in a {@link HandlerHarness}: its body, the body's value by the harness's payload codec, the
 * named header fields it was sent with, and the bytes it took on the wire. A value: it keeps its own copy of the body
 * and hands out copies.
 *
 * <pre>{@code
 * Reply reply = session.send(Map.of("op", "get", "key", "a")).get(0);
 * assertEquals(Map.of("ok", true, "value", 1), reply.value());
 * assertEquals(Map.of("opaque", 7L), reply.header());
 * }</pre>
 *
 * @since 1.0
 */
public final class Reply {
    private final byte[] body;
    private final Map<String, Long> header;
    private final int wireSize;
    private final PayloadCodec codec;

    Reply(byte[] body, Map<String, Long> header, int wireSize, PayloadCodec codec) {
        this.body = body.clone();
        this.header = Map.copyOf(header);
        this.wireSize = wireSize;
        this.codec = codec;
    }

    /** A copy of the body as the peer's framing decoder cuts it out: the body sent, unless the framing changes it. */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The body's value by the harness's payload codec, as a client using the same codec would read it.
     *
     * @throws AssertionError when the codec refuses the body: the handler sent what its peer cannot read
     */
    public Object value() {
        try {
            return codec.decode(body);
        } catch (PayloadException e) {
            throw new AssertionError("the reply is not valid for the payload codec: " + e.getMessage()
                    + " (body " + Outcome.hex(body) + ")", e);
        }
    }

    /** The body as UTF-8 text, malformed bytes replaced. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The framing's named header fields and their values in the reply as it would be received, e.g.
     * {@code {opcode=1, opaque=7}}; empty without a framing or when it names none.
     */
    public Map<String, Long> header() {
        return header;
    }

    /** Bytes on the wire, header included; the body's length when the harness has no framing. */
    public int wireSize() {
        return wireSize;
    }

    /** The body as the payload codec renders it for people, and its header fields when there are some. */
    @Override
    public String toString() {
        String shown;
        try {
            shown = codec.render(body);
        } catch (RuntimeException e) {
            shown = Outcome.hex(body);
        }
        return "Reply[" + (header.isEmpty() ? "" : header + " ") + shown + ", wire " + wireSize + " B]";
    }
}
