package dev.mtk.plugins.kv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * JSON bodies for the kv handler's tests, decoded to the types mtk's {@code json} payload gives a handler (maps,
 * lists, strings, Integer or Long numbers, booleans), so the handler is tested with the values it gets when served.
 * Text is taken as typed JSON; other values are written as JSON.
 */
final class JsonCodec implements PayloadCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public byte[] parse(String text) throws PayloadException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        decode(body);
        return body;
    }

    @Override
    public byte[] encode(Object value) throws PayloadException {
        if (value instanceof CharSequence text) {
            return parse(text.toString());
        }
        try {
            return value instanceof byte[] bytes ? bytes : MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new PayloadException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public Object decode(byte[] body) throws PayloadException {
        try {
            return MAPPER.readValue(body, Object.class);
        } catch (IOException e) {
            throw new PayloadException("invalid JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public String render(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
