package dev.mtk.testkit;

import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;
import java.nio.charset.StandardCharsets;

/** Bodies are UTF-8 text and values are strings; a body holding the byte {@code ff} is not text, and refused. */
final class TextCodec implements PayloadCodec {

    @Override
    public byte[] parse(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Its own message for a value it cannot encode, so that tests do not depend on the SPI's default wording. */
    @Override
    public byte[] encode(Object value) throws PayloadException {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof CharSequence text) {
            return parse(text.toString());
        }
        throw new PayloadException("text cannot encode a " + (value == null ? "null" : value.getClass().getName()));
    }

    @Override
    public Object decode(byte[] body) throws PayloadException {
        for (int i = 0; i < body.length; i++) {
            if (body[i] == (byte) 0xff) {
                throw new PayloadException("byte ff at " + i + " is not text");
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String render(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
