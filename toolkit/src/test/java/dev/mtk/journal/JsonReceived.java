package dev.mtk.journal;

import dev.mtk.payload.JsonPayloadCodec;
import dev.mtk.spi.PayloadException;
import dev.mtk.spi.Received;
import java.nio.charset.StandardCharsets;

/** A received JSON body without a server, for journal tests: what the server's messages look like to the journal. */
final class JsonReceived implements Received {
    private static final JsonPayloadCodec JSON = new JsonPayloadCodec();

    private final byte[] body;

    private JsonReceived(byte[] body) {
        this.body = body;
    }

    static JsonReceived of(String json) {
        return new JsonReceived(json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public Object value() throws PayloadException {
        return JSON.decode(body);
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
        return body.length + 4;
    }

    @Override
    public String render() {
        return text();
    }
}
