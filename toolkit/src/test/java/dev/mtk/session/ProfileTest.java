package dev.mtk.session;

import dev.mtk.payload.NamedPayload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.payload.BytesPayloadCodec;
import dev.mtk.payload.TextPayloadCodec;
import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Framing;
import dev.mtk.spi.FramingProvider;
import dev.mtk.spi.Options;
import dev.mtk.spi.RawBytes;
import dev.mtk.wire.FramingSpec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.junit.jupiter.api.Test;

class ProfileTest {

    /** A framing that is not a length field, as a plugin's might be. */
    private static final FramingProvider OPAQUE = new FramingProvider() {
        @Override
        public String name() {
            return "opaque";
        }

        @Override
        public Framing create(Options options) {
            return new Framing() {
                @Override
                public ProtocolDecoder decoder() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public ProtocolEncoder encoder() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int frameLength(int bodyLength) {
                    return bodyLength + 1;
                }
            };
        }
    };

    @Test
    void jsonAcknowledgesWithAFramedJsonString() {
        assertThat(Profile.json().acknowledgement())
                .isEqualTo(new Frame("\"我收到了\"".getBytes(StandardCharsets.UTF_8)));
        assertThat(Profile.json().confirmation()).isEqualTo(new Frame("\"ok\"".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void seedAcknowledgesWithUnframedBytes() {
        assertThat(Profile.seed().acknowledgement()).isEqualTo(RawBytes.utf8("我收到了"));
        assertThat(Profile.seed().confirmation()).isEqualTo(RawBytes.utf8("ok"));
        assertThat(Profile.seed().wireSize(Profile.seed().acknowledgement())).isEqualTo(12);
    }

    @Test
    void encodesRawBytesAsTheyAreAndAFrameWithItsHeader() {
        Profile json = Profile.json();

        assertThat(json.encode(RawBytes.utf8("ok"))).containsExactly('o', 'k');
        assertThat(json.encode(new Frame("{}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(java.util.HexFormat.of().parseHex("48656164657273" + "00000002" + "7b7d"));
    }

    @Test
    void encodesABodyWithHeaderFieldsAsItsFrameWouldBeEncoded() {
        Profile stream = Profile.reply().withFraming(dev.mtk.plugin.Registry.builtIn().framingSpec(
                "length-field:offset=5,header=9,fields=stream@2:2"));
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        assertThat(stream.encode(body, Map.of("stream", 7)))
                .isEqualTo(stream.encode(stream.frame(body, Map.of("stream", 7))));
    }

    @Test
    void refusesToEncodeAWholeFrameTheFramingRefuses() {
        Profile whole = Profile.reply().withFraming(dev.mtk.plugin.Registry.builtIn().framingSpec(
                "length-field:offset=8,header=24,strip=none,fields=opaque@12:4"));

        assertThatThrownBy(() -> whole.encode(new byte[20], Map.of("opaque", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a whole frame needs at least 24 bytes");
    }

    @Test
    void rendersRawBytesAsTextAndAFrameByItsPayload() {
        Profile bytes = Profile.json().withPayload(NamedPayload.of("bytes", new BytesPayloadCodec()));

        assertThat(bytes.render(RawBytes.utf8("ok"))).isEqualTo("ok");
        assertThat(bytes.render(new Frame("ok".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(Message.renderSafely(NamedPayload.of("bytes", new BytesPayloadCodec()), "ok".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo("ok");
    }

    @Test
    void aSwappedPayloadCarriesTheHandshakeItsOwnWay() {
        Profile text = Profile.json().withPayload(NamedPayload.of("text", new TextPayloadCodec()));

        assertThat(text.acknowledgement()).isEqualTo(new Frame("我收到了".getBytes(StandardCharsets.UTF_8)));
        assertThat(text.validate()).isTrue();
    }

    @Test
    void aSwappedFramingCountsItsOwnHeader() {
        Profile opaque = Profile.json().withFraming(FramingSpec.of(OPAQUE));

        assertThat(opaque.wireSize(new Frame(new byte[10]))).isEqualTo(11);
        assertThat(opaque.describe()).isEqualTo("json (framing opaque, payload json, exchange seed)");
    }

    @Test
    void anUnframedHandshakeNeedsALengthFieldFraming() {
        assertThatThrownBy(() -> Profile.seed().withFraming(FramingSpec.of(OPAQUE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("profile seed sends its handshake unframed, which needs a length-field framing such as "
                        + "headers, not opaque");
    }

    @Test
    void recognisesTheConfirmationOnlyInItsOwnForm() {
        Profile json = Profile.json();
        Message framedOk = Message.of(new Frame("\"ok\"".getBytes(StandardCharsets.UTF_8), 15), json.payload());
        Message rawOk = Message.of(RawBytes.utf8("ok"), json.payload());

        assertThat(json.isConfirmation(framedOk)).isTrue();
        assertThat(json.isConfirmation(rawOk)).isFalse();
        assertThat(Profile.seed().isConfirmation(rawOk)).isTrue();
    }

    @Test
    void namedProfilesAreJsonSeedAndReply() {
        assertThat(Profile.named("seed").rawHandshake()).isTrue();
        assertThat(Profile.named("reply").exchange()).isEqualTo(dev.mtk.exchange.Exchange.REPLY);
        assertThatThrownBy(() -> Profile.named("grpc")).hasMessage("unknown profile 'grpc' (known: json, seed, reply)");
    }

    @Test
    void theSeedMessageFallsBackToAPlainStringForBinaryPayloads() {
        assertThat(SeedMessage.body(NamedPayload.of("bytes", new BytesPayloadCodec())))
                .isEqualTo(SeedMessage.now().getBytes(StandardCharsets.UTF_8));
    }
}
