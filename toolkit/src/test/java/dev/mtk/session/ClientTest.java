package dev.mtk.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientTest {
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

    /**
     * What a script's end waits on: its server must still read what a client the script already closed sent last,
     * so the client keeps naming the sessions it closed.
     */
    @Test
    void namesTheLocalAddressOfASessionItAlreadyClosed() {
        server = Server.start(ServerConfig.builder().port(0).profile(Profile.json()).ioThreads(1).build(),
                new SeedHandler());
        client = Client.open(ClientConfig.of(Profile.json()));
        ClientSession session = client.connect("127.0.0.1", server.port());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !server.sessions().isEmpty());
        String peer = server.sessions().get(0).peer();

        session.close();

        assertThat(client.localAddresses()).containsExactly(peer);
    }
}
