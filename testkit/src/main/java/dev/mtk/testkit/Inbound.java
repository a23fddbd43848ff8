package dev.mtk.testkit;

import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;
import dev.mtk.spi.Received;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A message as the server hands it to a handler: a frame's body, read by the harness's payload codec. */
final class Inbound implements Received {
    private final byte[] body;
    private final int wireSize;
    private final Map<String, Long> header;
    private final PayloadCodec codec;

    Inbound(byte[] body, int wireSize, Map<String, Long> header, PayloadCodec codec) {
        this.body = body;
        this.wireSize = wireSize;
        this.header = Map.copyOf(header);
        this.codec = codec;
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public Object value() throws PayloadException {
        return codec.decode(body);
    }

    @Override
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean framed() {
        return true;
    }

    @Override
    public int wireSize() {
        return wireSize;
    }

    /** The codec's rendering; the text when the codec fails, as the server does for a plugin's codec. */
    @Override
    public String render() {
        try {
            return codec.render(body);
        } catch (Throwable e) {
            return text();
        }
    }

    @Override
    public Map<String, Long> header() {
        return header;
    }

    @Override
    public String toString() {
        return "Inbound[" + body.length + " B]";
    }
}
