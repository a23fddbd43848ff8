package dev.mtk.session;

import dev.mtk.payload.PayloadCodecs;
import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.RawBytes;
import dev.mtk.wire.LengthFieldEncoder;
import dev.mtk.wire.LengthFieldFormat;
import dev.mtk.wire.SequenceDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.apache.mina.core.session.IoSession;

/**
 * How both sides of a conversation speak: the framing, the payload codec, and how the seed's acknowledgement
 * ({@code 我收到了}) and confirmation ({@code ok}) travel.
 *
 * <table>
 * <caption>Built-in profiles</caption>
 * <tr><th>profile</th><th>framing</th><th>body</th><th>acknowledgement and confirmation</th></tr>
 * <tr><td>{@code json}</td><td>{@code headers}, both ways</td><td>JSON, validated</td>
 *     <td>framed JSON strings {@code "我收到了"} and {@code "ok"}</td></tr>
 * <tr><td>{@code seed}</td><td>{@code headers} for the client's message</td><td>as sent</td>
 *     <td>unframed bytes {@code 我收到了} (12) and {@code ok} (2), as the seed's Go programs write them</td></tr>
 * </table>
 *
 * @param name          what users select it by
 * @param description   one line for help texts
 * @param framing       the framing of messages
 * @param payload       the codec of message bodies
 * @param validate      whether the server refuses bodies the payload codec finds invalid
 * @param rawHandshake  whether acknowledgement and confirmation travel unframed
 */
public record Profile(String name, String description, LengthFieldFormat framing, PayloadCodec payload,
        boolean validate, boolean rawHandshake) {

    /** What the server answers each message with. */
    public static final String ACKNOWLEDGEMENT = "我收到了";
    /** What the client answers the acknowledgement with. */
    public static final String CONFIRMATION = "ok";

    private static final List<String> NAMES = List.of("json", "seed");

    public Profile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(payload, "payload");
    }

    /** The default: JSON bodies in {@code headers} frames, acknowledgement and confirmation framed as JSON strings. */
    public static Profile json() {
        return new Profile("json", "JSON in headers frames; acknowledgement and confirmation framed as JSON strings",
                LengthFieldFormat.HEADERS, PayloadCodecs.builtin().named("json"), true, false);
    }

    /** Byte for byte what the seed's Go programs speak. */
    public static Profile seed() {
        return new Profile("seed", "the seed's Go programs byte for byte: headers-framed message, raw 我收到了 and ok",
                LengthFieldFormat.HEADERS, PayloadCodecs.builtin().named("text"), false, true);
    }

    /**
     * The built-in profile called {@code name}.
     *
     * @throws IllegalArgumentException naming the known profiles when there is none by that name
     */
    public static Profile named(String name) {
        return switch (name) {
            case "json" -> json();
            case "seed" -> seed();
            default -> throw new IllegalArgumentException("unknown profile '" + name + "' (known: "
                    + String.join(", ", NAMES) + ")");
        };
    }

    public static List<String> names() {
        return NAMES;
    }

    /** The codec a server installs: it decodes what clients send. */
    public ProtocolCodecFactory serverCodec(FrameLimits limits) {
        SequenceDecoder.Builder inbound = SequenceDecoder.builder().frame(framing, limits);
        if (rawHandshake) {
            inbound.raw(utf8(CONFIRMATION).length);
        }
        return codec(inbound.build());
    }

    /** The codec a client installs: it decodes what servers send. */
    public ProtocolCodecFactory clientCodec(FrameLimits limits) {
        SequenceDecoder inbound = rawHandshake
                ? SequenceDecoder.builder().raw(utf8(ACKNOWLEDGEMENT).length).build()
                : SequenceDecoder.builder().frame(framing, limits).build();
        return codec(inbound);
    }

    private ProtocolCodecFactory codec(SequenceDecoder decoder) {
        LengthFieldEncoder encoder = new LengthFieldEncoder(framing);
        return new ProtocolCodecFactory() {
            @Override
            public ProtocolEncoder getEncoder(IoSession session) {
                return encoder;
            }

            @Override
            public ProtocolDecoder getDecoder(IoSession session) {
                return decoder;
            }
        };
    }

    /** The server's acknowledgement as it goes on the wire: a {@link Frame} or {@link RawBytes}. */
    public Object acknowledgement() {
        return handshakeMessage(ACKNOWLEDGEMENT);
    }

    /** The client's confirmation as it goes on the wire: a {@link Frame} or {@link RawBytes}. */
    public Object confirmation() {
        return handshakeMessage(CONFIRMATION);
    }

    /** Whether {@code message} is the client's confirmation. */
    public boolean isConfirmation(Message message) {
        Object expected = confirmation();
        byte[] bytes = expected instanceof RawBytes raw ? raw.bytes() : ((Frame) expected).body();
        return message.framed() != rawHandshake && Arrays.equals(message.body(), bytes);
    }

    /** Bytes an outbound {@link Frame} or {@link RawBytes} takes on the wire. */
    public int wireSize(Object outbound) {
        if (outbound instanceof Frame frame) {
            return framing.frameLength(frame.length());
        }
        return ((RawBytes) outbound).length();
    }

    /** An outbound {@link Frame} or {@link RawBytes} for people to read. */
    public String render(Object outbound) {
        return outbound instanceof Frame frame ? payload.render(frame.body())
                : new String(((RawBytes) outbound).bytes(), StandardCharsets.UTF_8);
    }

    private Object handshakeMessage(String text) {
        return rawHandshake ? RawBytes.utf8(text) : new Frame(utf8('"' + text + '"'));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
