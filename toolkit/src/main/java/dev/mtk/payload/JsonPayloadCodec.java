package dev.mtk.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;
import java.io.IOException;

/**
 * UTF-8 JSON bodies. What users type is validated and compacted before it goes on the wire; what arrives is validated
 * with a streaming parser (no tree is built) and decoded to maps, lists, strings, numbers and booleans for scripts.
 */
public final class JsonPayloadCodec implements PayloadCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    @Override
    public String name() {
        return "json";
    }

    @Override
    public String description() {
        return "UTF-8 JSON, validated, compact on the wire";
    }

    @Override
    public byte[] parse(String text) throws PayloadException {
        try {
            JsonNode tree = MAPPER.readTree(text);
            if (tree == null || tree.isMissingNode()) {
                throw new PayloadException("invalid JSON: empty input");
            }
            return MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw invalid(e);
        }
    }

    @Override
    public byte[] string(String value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always has a JSON form", e);
        }
    }

    @Override
    public byte[] encode(Object value) throws PayloadException {
        if (value instanceof CharSequence || value instanceof byte[]) {
            byte[] body = value instanceof byte[] bytes ? bytes : parse(value.toString());
            validate(body);
            return body;
        }
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new PayloadException("cannot write a " + value.getClass().getName() + " as JSON: "
                    + firstLine(e.getOriginalMessage()), e);
        }
    }

    @Override
    public Object decode(byte[] body) throws PayloadException {
        try {
            return MAPPER.readValue(body, Object.class);
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    @Override
    public void validate(byte[] body) throws PayloadException {
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() == null) {
                throw new PayloadException("invalid JSON: empty body");
            }
            parser.skipChildren();
            JsonToken extra = parser.nextToken();
            if (extra != null) {
                throw new PayloadException("invalid JSON at " + location(parser)
                        + ": more than one value (found " + extra.asString() + " after the first)");
            }
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    @Override
    public String render(byte[] body) {
        try {
            return MAPPER.writeValueAsString(MAPPER.readTree(body));
        } catch (IOException | RuntimeException e) {
            return TextPayloadCodec.oneLine(body);
        }
    }

    private static PayloadException invalid(IOException e) {
        if (e instanceof JsonProcessingException j && j.getLocation() != null) {
            return new PayloadException("invalid JSON at line " + j.getLocation().getLineNr() + ", column "
                    + j.getLocation().getColumnNr() + ": " + firstLine(j.getOriginalMessage()), e);
        }
        return new PayloadException("invalid JSON: " + firstLine(e.getMessage()), e);
    }

    private static String location(JsonParser parser) {
        var at = parser.currentLocation();
        return "line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
