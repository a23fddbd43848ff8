package dev.mtk.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.plugin.Registry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EchoHandlerProviderTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Server server;
    private Client client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theReplyCarriesTheRequestsHeaderFields() throws Exception {
        Registry registry = Registry.builtIn();
        Profile profile = Profile.reply()
                .withFraming(registry.framingSpec("length-field:width=4,header=8,fields=opaque@4:4"));
        server = Server.start(ServerConfig.builder().port(0).profile(profile).ioThreads(1).build(),
                registry.handler("echo"));
        client = Client.open(ClientConfig.of(profile));
        ClientSession session = client.connect("127.0.0.1", server.port());

        session.send(Map.of("n", 1), Map.of("opaque", 4_000_000_001L));
        Message reply = session.receive(TIMEOUT);

        assertThat(reply.header()).containsEntry("opaque", 4_000_000_001L);
        assertThat(reply.value()).isEqualTo(Map.of("n", 1));
    }
}
