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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * UTF-8 JSON bodies. What users type is validated and compacted before it goes on the wire; what arrives is validated
 * with a streaming parser (no tree is built) and decoded to maps, lists, strings, numbers and booleans for scripts.
 */
public final class JsonPayloadCodec implements PayloadCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    /** Reads one value where a parser stands, leaving what follows it to the caller. */
    private static final com.fasterxml.jackson.databind.ObjectReader VALUE = MAPPER.readerFor(Object.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern QUOTED = Pattern.compile("'(.*?)'");

    @Override
    public byte[] parse(String text) throws PayloadException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonNode tree = readOne(parser, JsonNode.class);
            if (tree == null || tree.isMissingNode()) {
                throw new PayloadException("invalid JSON: empty input");
            }
            return MAPPER.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    /**
     * Each JSON value in {@code text}, compacted: a stream of values, one after another, each on as many lines as it
     * likes ({@code {"n":1}{"n":2}}, one per line, or pretty-printed documents). Every value is checked before any is
     * returned; a mistake's position counts from the start of {@code text}.
     *
     * @throws PayloadException naming the first mistake
     */
    public List<byte[]> parseStream(String text) throws PayloadException {
        List<byte[]> bodies = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(text)) {
            while (true) {
                JsonNode tree;
                try {
                    if (parser.nextToken() == null) {
                        return bodies;
                    }
                    tree = MAPPER.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(parser);
                } catch (JsonProcessingException e) {
                    throw JsonErrors.plain(e, parser);
                }
                bodies.add(MAPPER.writeValueAsBytes(tree));
            }
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    /** One value from {@code parser}, refusing anything after it; mistakes are put in plain words. */
    private static <T> T readOne(JsonParser parser, Class<T> type) throws PayloadException, IOException {
        T value;
        try {
            if (parser.nextToken() == null) {
                return null;
            }
            value = MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(parser);
        } catch (JsonProcessingException e) {
            throw JsonErrors.plain(e, parser);
        }
        rejectTrailing(parser);
        return value;
    }

    private static void rejectTrailing(JsonParser parser) throws IOException, PayloadException {
        try {
            JsonToken extra = parser.nextToken();
            if (extra != null) {
                throw JsonErrors.trailing(parser.currentTokenLocation(), "'" + parser.getText() + "'");
            }
        } catch (JsonProcessingException e) {
            String found = JsonErrors.firstLine(e.getOriginalMessage());
            Matcher token = QUOTED.matcher(found);
            throw JsonErrors.trailing(e.getLocation(), token.find() ? "'" + token.group(1) + "'" : found);
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
                    + JsonErrors.firstLine(e.getOriginalMessage()), e);
        }
    }

    @Override
    public Object decode(byte[] body) throws PayloadException {
        try (JsonParser parser = FACTORY.createParser(body)) {
            Object value = readOne(parser, Object.class);
            if (value == null && parser.currentToken() == null) {
                throw new PayloadException("invalid JSON: empty body");
            }
            return value;
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    /**
     * The value at {@code path}, read in one streaming pass: only that value is decoded, the rest of the body is
     * checked token by token and skipped. What pairs each reply with its request ({@code --correlate}) and checks it
     * ({@code --expect}) runs for every message of a bench run, and decoding whole bodies to maps there cost 35 % of
     * the correlated rate (84,543 against 54,768 msgs/s in order, docs/PERFORMANCE.md). Same answer as the default:
     * {@code null} for a missing member, an index out of range or a step into a scalar; a member given twice is
     * its last value; a body that is not valid JSON fails as {@link #decode} fails.
     */
    @Override
    public Object field(byte[] body, List<Object> path) throws PayloadException {
        try (JsonParser parser = FACTORY.createParser(body)) {
            Object found;
            try {
                if (parser.nextToken() == null) {
                    throw new PayloadException("invalid JSON: empty body");
                }
                found = find(parser, path, 0);
            } catch (JsonProcessingException e) {
                throw JsonErrors.plain(e, parser);
            }
            rejectTrailing(parser);
            return found;
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    /** The value at {@code path} from step {@code from} in the value at the parser's token; consumes that value. */
    private static Object find(JsonParser parser, List<Object> path, int from) throws IOException {
        if (from == path.size()) {
            return VALUE.readValue(parser);
        }
        Object step = path.get(from);
        Object found = null;
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean wanted = step.equals(parser.currentName());
                parser.nextToken();
                if (wanted) {
                    found = find(parser, path, from + 1);
                } else {
                    parser.skipChildren();
                }
            }
        } else if (parser.currentToken() == JsonToken.START_ARRAY) {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (step instanceof Integer wanted && wanted == index) {
                    found = find(parser, path, from + 1);
                } else {
                    parser.skipChildren();
                }
                index++;
            }
        }
        return found;
    }

    @Override
    public void validate(byte[] body) throws PayloadException {
        if (JsonSyntax.wellFormed(body)) {
            return;
        }
        try (JsonParser parser = FACTORY.createParser(body)) {
            try {
                if (parser.nextToken() == null) {
                    throw new PayloadException("invalid JSON: empty body");
                }
                parser.skipChildren();
            } catch (JsonProcessingException e) {
                throw JsonErrors.plain(e, parser);
            }
            rejectTrailing(parser);
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
        if (e instanceof JsonProcessingException j) {
            return JsonErrors.plain(j, null);
        }
        return new PayloadException("invalid JSON: " + JsonErrors.firstLine(e.getMessage()), e);
    }
}
