package dev.mtk.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.plugin.Registry;
import dev.mtk.session.Client;
import dev.mtk.session.ClientConfig;
import dev.mtk.session.ClientSession;
import dev.mtk.session.Message;
import dev.mtk.session.Profile;
import dev.mtk.session.Server;
import dev.mtk.session.ServerConfig;
import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameEncoder;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Framing;
import dev.mtk.spi.Options;
import dev.mtk.testkit.FramingHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemcachedFramingProviderTest {
    /** The javadoc's sample: GET "foo" with opaque 7. */
    private static final String GET_FOO = "80 00 0003 00 00 0000 00000003 00000007 0000000000000000 666f6f";

    private static Framing memcached(Map<String, String> options) {
        return new MemcachedFramingProvider().create(Options.of(options));
    }

    private static byte[] hex(String spaced) {
        return LengthFieldFramingProviderTest.hex(spaced);
    }

    @Test
    void decodesTheDocumentedSampleAsAWholeFrameWithItsFields() throws Exception {
        Framing memcached = memcached(Map.of());

        List<Object> out = FramingHarness.of(memcached).feed(hex(GET_FOO));

        Frame frame = (Frame) out.get(0);
        assertThat(frame.body()).isEqualTo(hex(GET_FOO));
        assertThat(frame.wireSize()).isEqualTo(27);
        assertThat(memcached.fields().read(frame)).containsExactly(Map.entry("magic", 0x80L), Map.entry("opcode", 0L),
                Map.entry("keylen", 3L), Map.entry("extlen", 0L), Map.entry("status", 0L), Map.entry("opaque", 7L),
                Map.entry("cas", 0L));
    }

    @Test
    void aResponseIsReadBackAcrossEverySplitPoint() throws Exception {
        String hit = "81 00 0000 04 00 0000 00000007 0000002a 0000000000000001 deadbeef 626172";

        LengthFieldFramingProviderTest.decodesAtEverySplit(memcached(Map.of()), hex(GET_FOO + hit), List.of(
                LengthFieldFramingProviderTest.seen(GET_FOO, Map.of("magic", 0x80L, "opcode", 0L, "keylen", 3L, "extlen", 0L,
                        "status", 0L, "opaque", 7L, "cas", 0L)),
                LengthFieldFramingProviderTest.seen(hit, Map.of("magic", 0x81L, "opcode", 0L, "keylen", 0L, "extlen", 4L,
                        "status", 0L, "opaque", 42L, "cas", 1L))));
    }

    @Test
    void aRequestIsCheckedBeforeItIsSent() {
        byte[] wrong = hex(GET_FOO.replace("00000003 00000007", "00000004 00000007"));

        assertThatThrownBy(() -> ((FrameEncoder) memcached(Map.of()).encoder()).frame(new Frame(wrong)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("length field (offset 8, 4 bytes): found 4, expected 3 for a 27-byte frame");
    }

    @Test
    void lengthFillWritesTheBodyLength() {
        byte[] unset = hex(GET_FOO.replace("00000003 00000007", "00000000 00000007"));

        assertThat(((FrameEncoder) memcached(Map.of("length", "fill")).encoder()).frame(new Frame(unset)))
                .isEqualTo(hex(GET_FOO));
    }

    @Test
    void aReplySetsTheOpaqueAndTheResponseMagicByName() {
        Framing memcached = memcached(Map.of());

        Frame reply = memcached.frame(hex(GET_FOO), Map.of("magic", 0x81, "opaque", 8));

        assertThat(reply.body()).isEqualTo(hex(GET_FOO.replace("80 00", "81 00").replace("00000007", "00000008")));
    }

    @Test
    void theShapeIsNotAnOption() {
        assertThatThrownBy(() -> new FramingSpec(new MemcachedFramingProvider(), Map.of("offset", "4"))
                .create(FrameLimits.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("framing memcached: unknown option 'offset' (known: strip, length, fields)");
    }

    @Test
    void aServerAndAClientExchangeAFrameOverLoopbackWithTheFieldsInTheHeader() throws Exception {
        Profile profile = Registry.builtIn().profile(Map.of("framing", "memcached", "payload", "bytes",
                "exchange", "reply", "correlate", "header.opaque"));
        List<Map<String, Long>> seenByServer = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Server server = Server.start(ServerConfig.builder().port(0).profile(profile).ioThreads(1).build(),
                (session, request) -> {
                    seenByServer.add(request.header());
                    session.reply(request.body(), Map.of("magic", 0x81, "opaque", request.header().get("opaque")));
                });
                Client client = Client.open(ClientConfig.of(profile))) {
            ClientSession session = client.connect("127.0.0.1", server.port());

            Message reply = session.request(GET_FOO, Duration.ofSeconds(5));

            assertThat(seenByServer).singleElement().satisfies(header -> assertThat(header)
                    .containsEntry("magic", 0x80L).containsEntry("opaque", 7L));
            assertThat(reply.header()).containsEntry("magic", 0x81L).containsEntry("opcode", 0L)
                    .containsEntry("keylen", 3L).containsEntry("opaque", 7L);
            assertThat(reply.body()).hasSize(27);
        }
    }
}
