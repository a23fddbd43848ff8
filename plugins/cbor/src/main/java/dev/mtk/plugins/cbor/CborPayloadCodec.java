package dev.mtk.plugins.cbor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * CBOR (RFC 8949) bodies, for people who think in JSON: what users type is JSON, checked and sent as CBOR; what arrives
 * is checked as exactly one CBOR data item and shown as compact JSON. JSON cannot show everything CBOR carries: byte
 * strings are shown as base64 text, and tags are left out (bignums become plain numbers).
 *
 * <p>Scripts get maps (with string keys), lists, strings, numbers, booleans, {@code null} and, for CBOR byte strings,
 * {@code byte[]}; they may send the same, or JSON text, or a ready-made CBOR body as {@code byte[]}. Maps and arrays are
 * written with definite lengths, as RFC 8949's preferred serialization asks; only long text strings are written in
 * chunks, as Jackson does.
 *
 * <pre>
 * typed:   {"a":1}
 * on wire: a1 61 61 01     (map of 1 pair, text "a", unsigned 1)
 * shown:   {"a":1}
 * </pre>
 */
public final class CborPayloadCodec implements PayloadCodec {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectMapper CBOR = new CBORMapper();
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    @Override
    public byte[] parse(String text) throws PayloadException {
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalidJson(e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new PayloadException("invalid JSON: empty input");
        }
        return cbor(tree);
    }

    @Override
    public byte[] encode(Object value) throws PayloadException {
        if (value instanceof CharSequence text) {
            return parse(text.toString());
        }
        if (value instanceof byte[] body) {
            validate(body);
            return body;
        }
        JsonNode tree;
        try {
            tree = CBOR.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new PayloadException("cbor payload cannot encode a " + value.getClass().getName() + ": "
                    + firstLine(e.getMessage()), e);
        }
        return cbor(tree);
    }

    @Override
    public byte[] string(String value) {
        return cbor(CBOR.getNodeFactory().textNode(Objects.requireNonNull(value, "value")));
    }

    @Override
    public Object decode(byte[] body) throws PayloadException {
        return read(body, parser -> CBOR.readValue(parser, Object.class));
    }

    @Override
    public void validate(byte[] body) throws PayloadException {
        read(body, CborPayloadCodec::walk);
    }

    @Override
    public String render(byte[] body) {
        try {
            return JSON.writeValueAsString(read(body, CBOR::readTree));
        } catch (PayloadException | IOException | RuntimeException e) {
            return HEX.formatHex(body);
        }
    }

    /**
     * Written from a tree rather than straight from a map, because Jackson then knows every size up front and writes
     * definite lengths. A {@code null} tree is CBOR's null.
     */
    private static byte[] cbor(JsonNode tree) {
        try {
            return CBOR.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            // A tree holds only values CBOR can write, and the output is a byte array: nothing can fail here.
            throw new UncheckedIOException(e);
        }
    }

    /** Reads exactly one data item from {@code body}: neither an empty body nor bytes after the item pass. */
    private static <T> T read(byte[] body, ItemReader<T> reader) throws PayloadException {
        try (JsonParser parser = CBOR.createParser(body)) {
            if (parser.nextToken() == null) {
                throw new PayloadException("invalid CBOR: empty body");
            }
            T value = reader.read(parser);
            if (parser.nextToken() != null) {
                long at = parser.currentTokenLocation().getByteOffset();
                throw new PayloadException("invalid CBOR at byte " + at + ": " + (body.length - at)
                        + " bytes after the first data item");
            }
            return value;
        } catch (IOException e) {
            throw invalidCbor(e);
        }
    }

    /** Steps through one data item without building it. */
    private static Void walk(JsonParser parser) throws IOException {
        do {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                // Jackson decodes long text strings only when asked: asking is what finds invalid UTF-8 in them.
                parser.getText();
            }
        } while (!parser.getParsingContext().inRoot() && parser.nextToken() != null);
        return null;
    }

    private static PayloadException invalidJson(JsonProcessingException e) {
        if (e.getLocation() == null) {
            return new PayloadException("invalid JSON: " + firstLine(e.getOriginalMessage()), e);
        }
        return new PayloadException("invalid JSON at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ": " + firstLine(e.getOriginalMessage()), e);
    }

    private static PayloadException invalidCbor(IOException e) {
        if (e instanceof JsonProcessingException j && j.getLocation() != null) {
            return new PayloadException("invalid CBOR at byte " + j.getLocation().getByteOffset() + ": "
                    + firstLine(j.getOriginalMessage()), e);
        }
        return new PayloadException("invalid CBOR: " + firstLine(e.getMessage()), e);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** What {@link #read} does with the parser once it stands on the first token of the item. */
    @FunctionalInterface
    private interface ItemReader<T> {
        T read(JsonParser parser) throws IOException;
    }
}
