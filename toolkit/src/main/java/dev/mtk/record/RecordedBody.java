package dev.mtk.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mtk.session.Profile;
import dev.mtk.spi.Frame;
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A body as JSON where its payload codec reads it as JSON: maps, lists, strings, numbers, booleans and null. The JSON
 * codec's bodies, the text codec's (a string), a CBOR plugin's (JSON typed) all qualify; the bytes codec's do not.
 */
public final class RecordedBody {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private RecordedBody() {
    }

    /** The body as JSON, or {@code null} when the codec refuses it or reads it as something JSON cannot hold. */
    public static JsonNode json(PayloadCodec codec, byte[] body) {
        try {
            JsonNode tree = MAPPER.valueToTree(codec.decode(body));
            return tree != null && plain(tree) ? tree : null;
        } catch (PayloadException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** An unframed unit's bytes as a JSON string when they are UTF-8 text, else {@code null}. */
    public static JsonNode rawJson(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return TextNode.valueOf(text);
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Whether {@code json} gives {@code body} back exactly when the codec writes it. */
    public static boolean reproduces(PayloadCodec codec, JsonNode json, byte[] body) {
        try {
            return Arrays.equals(encode(codec, json), body);
        } catch (PayloadException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The body the codec writes for {@code json}: a string as the codec's string, anything else as its value. */
    public static byte[] encode(PayloadCodec codec, JsonNode json) throws PayloadException {
        if (json.isTextual()) {
            return codec.string(json.textValue());
        }
        try {
            return codec.encode(MAPPER.treeToValue(json, Object.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PayloadException("cannot read the recorded JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The correlation key {@code profile} reads in a frame: in its body, or in its header when the exact {@code wire}
     * bytes are known (a frame whose header holds field values is recorded with them). {@code null} without
     * correlation, or when the frame has no key.
     */
    static String key(Profile profile, byte[] wire, byte[] body) {
        if (!profile.correlation().present()) {
            return null;
        }
        Frame frame = wire != null && wire.length >= body.length
                ? new Frame(Arrays.copyOf(wire, wire.length - body.length), body, wire.length) : new Frame(body);
        return profile.key(profile.outbound(frame));
    }

    static byte[] rawBytes(JsonNode json) {
        return json.asText().getBytes(StandardCharsets.UTF_8);
    }

    /** The value as plain Java objects (maps, lists, strings, numbers), for comparing and for scripts. */
    public static Object value(JsonNode json) {
        try {
            return MAPPER.treeToValue(json, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON value: " + e.getOriginalMessage(), e);
        }
    }

    private static boolean plain(JsonNode node) {
        if (node instanceof ContainerNode<?> container) {
            for (JsonNode child : container) {
                if (!plain(child)) {
                    return false;
                }
            }
            return true;
        }
        JsonNodeType type = node.getNodeType();
        return type != JsonNodeType.BINARY && type != JsonNodeType.POJO && type != JsonNodeType.MISSING;
    }
}
