package dev.mtk.session;

import static dev.mtk.testing.Frames.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.Conversation;
import dev.mtk.spi.Handler;
import dev.mtk.spi.Received;
import dev.mtk.testing.LogCapture;
import dev.mtk.testing.RawClient;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The seed's acknowledgement and confirmation, kept by the server whatever the handler. */
class SeedExchangeTest {
    private static final byte[] JSON_ACK = headers("\"我收到了\"");

    private final LogCapture log = new LogCapture();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        log.close();
    }

    /** Records what reaches the handler, then acknowledges it as the seed's server does. */
    private final Handler recording = new Handler() {
        @Override
        public void onMessage(Conversation session, Received message) {
            seen.add(message.text());
            SeedExchange.acknowledge(session);
        }
    };

    private void start(Profile profile, Handler handler) {
        server = Server.start(ServerConfig.builder().port(0).profile(profile).ioThreads(2).build(), handler);
    }

    @Test
    void theHandlerNeverSeesTheConfirmation() throws Exception {
        start(Profile.json(), recording);

        try (RawClient raw = new RawClient(server.port())) {
            raw.write(headers("{\"n\":1}"));
            assertThat(raw.read(JSON_ACK.length)).isEqualTo(JSON_ACK);
            raw.write(headers("\"ok\""));
            raw.write(headers("{\"n\":2}"));
            assertThat(raw.read(JSON_ACK.length)).isEqualTo(JSON_ACK);
        }

        log.awaitContaining("server", "confirmed: \"ok\"");
        assertThat(seen).containsExactly("{\"n\":1}", "{\"n\":2}");
    }

    @Test
    void aMessageWhereTheConfirmationWasDueIsLoggedAndHandled() throws Exception {
        start(Profile.json(), recording);

        try (RawClient raw = new RawClient(server.port())) {
            raw.write(headers("{\"n\":1}"));
            assertThat(raw.read(JSON_ACK.length)).isEqualTo(JSON_ACK);
            raw.write(headers("{\"n\":2}"));
            assertThat(raw.read(JSON_ACK.length)).isEqualTo(JSON_ACK);
        }

        log.awaitContaining("server", "no confirmation before the next message");
        assertThat(seen).containsExactly("{\"n\":1}", "{\"n\":2}");
    }

    @Test
    void unframedBytesWhereTheConfirmationWasDueAreLoggedAndKeptFromTheHandler() throws Exception {
        start(Profile.seed(), recording);

        try (RawClient raw = new RawClient(server.port())) {
            raw.write(headers("hello"));
            raw.read("我收到了".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            raw.write("no".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            log.awaitContaining("server", "expected confirmation \"ok\", got: no");
        }

        assertThat(seen).containsExactly("hello");
    }

    @Test
    void underReplyAnOkBodyIsAMessageLikeAnyOther() throws Exception {
        start(Profile.reply(), (session, message) -> {
            seen.add(message.text());
            session.reply(message.body());
        });
        byte[] ok = {0, 0, 0, 4, '"', 'o', 'k', '"'};

        try (RawClient raw = new RawClient(server.port())) {
            raw.write(ok);
            assertThat(raw.read(ok.length)).isEqualTo(ok);
        }

        assertThat(seen).containsExactly("\"ok\"");
    }

    @Test
    void onlyMtksServerSessionsAcknowledge() {
        Conversation other = (Conversation) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Conversation.class}, (proxy, method, args) -> null);

        assertThatThrownBy(() -> SeedExchange.acknowledge(other))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("only mtk's server sessions send the seed's acknowledgement");
    }
}
