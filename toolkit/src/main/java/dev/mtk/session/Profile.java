package dev.mtk.session;

import dev.mtk.exchange.Correlation;
import dev.mtk.exchange.Exchange;
import dev.mtk.payload.JsonPayloadCodec;
import dev.mtk.payload.NamedPayload;
import dev.mtk.payload.TextPayloadCodec;
import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Framing;
import dev.mtk.spi.HeaderFields;
import dev.mtk.spi.Outbound;
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.RawBytes;
import dev.mtk.wire.FramingSpec;
import dev.mtk.wire.HeadersFramingProvider;
import dev.mtk.wire.LengthFieldFraming;
import dev.mtk.wire.LengthFieldFramingProvider;
import dev.mtk.wire.SequenceDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;

/**
 * How both sides of a conversation speak: the framing, the payload codec, the {@link Exchange} (and, for the seed's,
 * how its acknowledgement {@code 我收到了} and confirmation {@code ok} travel), and the {@link Correlation} that pairs
 * replies with requests.
 *
 * <table>
 * <caption>Built-in profiles</caption>
 * <tr><th>profile</th><th>framing</th><th>body</th><th>exchange</th></tr>
 * <tr><td>{@code json}</td><td>{@code headers}, both ways</td><td>JSON, validated</td>
 *     <td>seed: framed JSON strings {@code "我收到了"} and {@code "ok"}</td></tr>
 * <tr><td>{@code seed}</td><td>{@code headers} for the client's message</td><td>as sent</td>
 *     <td>seed: unframed bytes {@code 我收到了} (12) and {@code ok} (2), as the seed's Go programs write them</td></tr>
 * <tr><td>{@code reply}</td><td>{@code length-field} (4 bytes, big endian, body only)</td><td>JSON, validated</td>
 *     <td>reply: a request, then its reply</td></tr>
 * </table>
 *
 * <p>A profile's framing, payload, exchange and correlation can be swapped ({@link #withFraming},
 * {@link #withPayload}, {@link #withExchange}, {@link #withCorrelation}); a framed handshake is then carried by the
 * new payload codec ({@link PayloadCodec#string}).
 */
public final class Profile {
    /** What the server answers each message with. */
    public static final String ACKNOWLEDGEMENT = "我收到了";
    /** What the client answers the acknowledgement with. */
    public static final String CONFIRMATION = "ok";

    private static final List<String> NAMES = List.of("json", "seed", "reply");

    private final String name;
    private final FramingSpec framing;
    private final NamedPayload payload;
    private final boolean validate;
    private final boolean rawHandshake;
    /** Whether the seed's handshake, when this profile does the seed's exchange, travels unframed. */
    private final boolean unframedSeedHandshake;
    private final Exchange exchange;
    private final Correlation correlation;
    /** Only to count the bytes a frame takes; sessions get framings built with their own limits. */
    private final Framing sizing;
    /** Built once: the payload codec may take a while to write them, and they are sent for every message. */
    private final Outbound acknowledgement;
    private final Outbound confirmation;
    private final byte[] confirmationBody;
    private final byte[] encodedAcknowledgement;
    private final boolean encodesAlone;
    /** Whether frames to send are given whole ({@code strip=none}), so each is checked before it is sent. */
    private final boolean checksWholeFrames;

    /**
     * @param name         what users select it by
     * @param framing      the framing of messages
     * @param payload      the codec of message bodies
     * @param validate     whether the server refuses bodies the payload codec finds invalid
     * @param rawHandshake whether acknowledgement and confirmation travel unframed (needs a length-field framing)
     * @param exchange     what each message is part of
     * @param correlation  what pairs a reply with its request
     */
    private Profile(String name, FramingSpec framing, NamedPayload payload, boolean validate, boolean rawHandshake,
            Exchange exchange, Correlation correlation) {
        this.name = Objects.requireNonNull(name, "name");
        this.framing = Objects.requireNonNull(framing, "framing");
        this.payload = Objects.requireNonNull(payload, "payload");
        this.validate = validate;
        this.unframedSeedHandshake = rawHandshake;
        this.rawHandshake = rawHandshake && exchange == Exchange.SEED;
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.correlation = Objects.requireNonNull(correlation, "correlation");
        this.sizing = framing.create(FrameLimits.DEFAULT);
        correlation.checkAgainst(sizing.fields());
        this.acknowledgement = handshakeMessage(ACKNOWLEDGEMENT);
        this.confirmation = handshakeMessage(CONFIRMATION);
        this.confirmationBody = confirmation.body();
        this.encodesAlone = frameEncoder(sizing);
        this.checksWholeFrames = sizing instanceof LengthFieldFraming lengthField && lengthField.format().wholeFrame();
        this.encodedAcknowledgement = encodesAlone || this.rawHandshake ? encodedAcknowledgement() : null;
        if (this.rawHandshake && !(sizing instanceof LengthFieldFraming)) {
            throw new IllegalArgumentException("profile " + name + " sends its handshake unframed, which needs a "
                    + "length-field framing such as headers, not " + framing);
        }
    }

    /** The default: JSON bodies in {@code headers} frames, acknowledgement and confirmation framed as JSON strings. */
    public static Profile json() {
        return new Profile("json", FramingSpec.of(new HeadersFramingProvider()),
                NamedPayload.of("json", new JsonPayloadCodec()), true, false, Exchange.SEED, Correlation.NONE);
    }

    /** Byte for byte what the seed's Go programs speak. */
    public static Profile seed() {
        return new Profile("seed", FramingSpec.of(new HeadersFramingProvider()),
                NamedPayload.of("text", new TextPayloadCodec()), false, true, Exchange.SEED, Correlation.NONE);
    }

    /** Plain request/reply JSON: a 4-byte big-endian length, the body; every request answered by one reply. */
    public static Profile reply() {
        return new Profile("reply", new FramingSpec(new LengthFieldFramingProvider(), Map.of("width", "4")),
                NamedPayload.of("json", new JsonPayloadCodec()), true, false, Exchange.REPLY, Correlation.NONE);
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
            case "reply" -> reply();
            default -> throw new IllegalArgumentException("unknown profile '" + name + "' (known: "
                    + String.join(", ", NAMES) + ")");
        };
    }

    public static List<String> names() {
        return NAMES;
    }

    /**
     * This profile with another framing. A whole-frame framing ({@code memcached}, {@code strip=none}) cannot frame the
     * seed exchange's {@code 我收到了} and {@code ok}, so the seed's exchange becomes {@code reply} with it (choosing
     * the seed's exchange again afterwards is refused).
     *
     * @throws IllegalArgumentException when its correlation reads a header field the framing does not name
     */
    public Profile withFraming(FramingSpec other) {
        Exchange kept = exchange == Exchange.SEED && wholeFrames(other) ? Exchange.REPLY : exchange;
        return new Profile(name, other, payload, validate, unframedSeedHandshake, kept, correlation);
    }

    private static boolean wholeFrames(FramingSpec framing) {
        return framing.create(FrameLimits.DEFAULT) instanceof LengthFieldFraming lengthField
                && lengthField.format().wholeFrame();
    }

    /** This profile with another payload codec, whose bodies the server then validates. */
    public Profile withPayload(NamedPayload other) {
        return new Profile(name, framing, other, true, unframedSeedHandshake, exchange, correlation);
    }

    /**
     * This profile with another exchange. Leaving the seed's drops the seed profile's unframed handshake: under
     * {@code reply} and {@code oneway} everything is framed.
     */
    public Profile withExchange(Exchange other) {
        return new Profile(name, framing, payload, validate, unframedSeedHandshake, other, correlation);
    }

    /**
     * This profile, pairing replies with requests by {@code other}.
     *
     * @throws IllegalArgumentException when it reads a header field the framing does not name
     */
    public Profile withCorrelation(Correlation other) {
        return new Profile(name, framing, payload, validate, unframedSeedHandshake, exchange, other);
    }

    public Exchange exchange() {
        return exchange;
    }

    public Correlation correlation() {
        return correlation;
    }

    /** The framing's named header fields. */
    public HeaderFields fields() {
        return sizing.fields();
    }

    /**
     * A frame to send: {@code body} with the named header fields set to {@code values}.
     *
     * @throws IllegalArgumentException for a field the framing does not name, or a value that does not fit
     */
    public Frame frame(byte[] body, Map<String, ?> values) {
        Frame frame = unchecked(body, values);
        if (checksWholeFrames) {
            // A whole frame is the user's to get right: refuse a wrong one here, with the encoder's one line, rather
            // than let the session's encoder close the connection after it was logged as sent.
            encode(frame);
        }
        return frame;
    }

    /**
     * The exact bytes of {@link #frame}{@code (body, values)} on the wire, for sending prepared: encoding it is the
     * whole frame's check, so it is done once rather than once to check and once to send.
     *
     * @throws IllegalArgumentException for a field the framing does not name, a value that does not fit, or a whole
     *                                  frame the framing refuses
     */
    public byte[] encode(byte[] body, Map<String, ?> values) {
        return encodeFrame(unchecked(body, values));
    }

    private Frame unchecked(byte[] body, Map<String, ?> values) {
        return values.isEmpty() ? new Frame(body) : sizing.frame(body, values);
    }

    /**
     * The acknowledgement framed, or {@code null} when the framing cannot frame it (a whole-frame framing such as
     * {@code memcached} takes only whole frames) and the exchange has no acknowledgement to send.
     *
     * @throws IllegalArgumentException when the seed's exchange needs it and the framing refuses it
     */
    private byte[] encodedAcknowledgement() {
        try {
            return encode(acknowledgement);
        } catch (IllegalArgumentException e) {
            if (exchange != Exchange.SEED) {
                return null;
            }
            throw new IllegalArgumentException("framing " + framing + " cannot frame the seed exchange's "
                    + ACKNOWLEDGEMENT + " and " + CONFIRMATION + " (it sends only whole frames as they are given): choose "
                    + "the exchange reply or oneway");
        }
    }

    /** The correlation key of a received message or of a frame about to be sent; {@code null} when it has none. */
    public String key(Message message) {
        return correlation.present() ? message.key(correlation) : null;
    }

    /** A message view of a frame about to be sent, to read its header fields and key as a reply's would be read. */
    public Message outbound(Frame frame) {
        return Message.of(frame, payload, sizing.fields());
    }

    /** A received frame as the handler and the client see it. */
    Message received(Frame frame) {
        return Message.of(frame, payload, sizing.fields());
    }
    public String name() {
        return name;
    }

    public FramingSpec framing() {
        return framing;
    }

    public NamedPayload payload() {
        return payload;
    }

    public boolean validate() {
        return validate;
    }

    public boolean rawHandshake() {
        return rawHandshake;
    }

    /** {@code , exchange reply, correlate $.id}: the exchange, and the correlation when there is one. */
    public String exchangeText() {
        return ", exchange " + exchange + (correlation.present() ? ", correlate " + correlation.expression() : "");
    }

    /** {@code json (framing headers, payload json, exchange seed)}: the name, then what it is made of. */
    public String describe() {
        return name + " (framing " + framing + ", payload " + payload.name() + exchangeText()
                + (rawHandshake ? ", unframed handshake" : "") + ")";
    }

    /** The codec a server installs: it decodes what clients send. */
    public ProtocolCodecFactory serverCodec(FrameLimits limits) {
        Framing framed = framing.create(limits);
        if (!rawHandshake) {
            return codec(framed.decoder(), framed.encoder());
        }
        LengthFieldFraming lengthField = (LengthFieldFraming) framed;
        SequenceDecoder decoder = SequenceDecoder.builder().frame(lengthField.format(), limits)
                .raw(utf8(CONFIRMATION).length).build();
        return codec(decoder, framed.encoder());
    }

    /** The codec a client installs: it decodes what servers send. */
    public ProtocolCodecFactory clientCodec(FrameLimits limits) {
        Framing framed = framing.create(limits);
        if (!rawHandshake) {
            return codec(framed.decoder(), framed.encoder());
        }
        return codec(SequenceDecoder.builder().raw(utf8(ACKNOWLEDGEMENT).length).build(), framed.encoder());
    }

    private static ProtocolCodecFactory codec(ProtocolDecoder decoder, ProtocolEncoder encoder) {
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

    /** The server's acknowledgement as it goes on the wire: a {@link Frame}, or {@link RawBytes} when unframed. */
    public Outbound acknowledgement() {
        return acknowledgement;
    }

    /** The client's confirmation as it goes on the wire: a {@link Frame}, or {@link RawBytes} when unframed. */
    public Outbound confirmation() {
        return confirmation;
    }

    /** Whether {@code message} is the client's confirmation. */
    public boolean isConfirmation(Message message) {
        return exchange == Exchange.SEED && message.framed() != rawHandshake && Arrays.equals(message.body(), confirmationBody);
    }

    /** Bytes {@code outbound} takes on the wire: a frame's with its framing, raw bytes' as they are. */
    public int wireSize(Outbound outbound) {
        return outbound instanceof Frame ? sizing.frameLength(outbound.length()) : outbound.length();
    }

    /**
     * Whether a message can be encoded apart from its session ({@link #encode}) with the very bytes the session's
     * encoder would write: true for every {@link dev.mtk.spi.FrameEncoder}, which frames one body at a time.
     */
    public boolean encodesAlone() {
        return encodesAlone;
    }

    private static boolean frameEncoder(Framing framing) {
        try {
            return framing.encoder() instanceof dev.mtk.spi.FrameEncoder;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The exact bytes {@code outbound} puts on the wire, for sending prepared. */
    public byte[] encode(Outbound outbound) {
        return outbound instanceof Frame frame ? encodeFrame(frame) : outbound.body();
    }

    private byte[] encodeFrame(Frame frame) {
        if (encodedAcknowledgement != null && frame == acknowledgement) {
            return encodedAcknowledgement;
        }
        ProtocolEncoder encoder = sizing.encoder();
        if (encoder instanceof dev.mtk.spi.FrameEncoder frames) {
            return frames.frame(frame);
        }
        org.apache.mina.filter.codec.ProtocolCodecSession scratch = new org.apache.mina.filter.codec.ProtocolCodecSession();
        try {
            encoder.encode(scratch, frame, scratch.getEncoderOutput());
        } catch (Exception e) {
            throw new IllegalArgumentException("framing " + framing + " cannot encode the message: " + e.getMessage(), e);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (Object part : scratch.getEncoderOutputQueue()) {
            org.apache.mina.core.buffer.IoBuffer buffer = (org.apache.mina.core.buffer.IoBuffer) part;
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.writeBytes(chunk);
        }
        return bytes.toByteArray();
    }

    /** {@code outbound} for people to read: a frame's body by the payload codec, raw bytes as UTF-8. */
    public String render(Outbound outbound) {
        return outbound instanceof Frame ? Message.renderSafely(payload, outbound.body())
                : new String(outbound.body(), StandardCharsets.UTF_8);
    }

    private Outbound handshakeMessage(String text) {
        return rawHandshake ? RawBytes.utf8(text) : new Frame(payload.string(text));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return describe();
    }
}
