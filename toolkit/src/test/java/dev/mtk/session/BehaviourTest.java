package dev.mtk.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.journal.Journal;
import dev.mtk.spi.Conversation;
import dev.mtk.spi.Handler;
import dev.mtk.spi.Received;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BehaviourTest {
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

    /** Replies with {@code tag} and how many messages this session has sent, kept in the session's state. */
    private static Handler counting(String tag) {
        return (Conversation session, Received received) -> {
            long n = (Long) session.state().merge("n", 1L, (a, b) -> (Long) a + (Long) b);
            session.reply(Map.of("tag", tag, "n", n));
        };
    }

    private ClientSession start(Behaviour behaviour) {
        server = Server.start(ServerConfig.builder().port(0).profile(Profile.reply()).ioThreads(2).build(), behaviour,
                Journal.withDefaults());
        client = Client.open(ClientConfig.of(Profile.reply()));
        return client.connect("127.0.0.1", server.port());
    }

    @Test
    void aReplacedHandlerAnswersTheNextMessageOfASessionThatStayedOpen() throws Exception {
        Behaviour behaviour = Behaviour.replaceable(counting("old"));
        ClientSession session = start(behaviour);
        assertThat(session.request(Map.of(), TIMEOUT).value()).isEqualTo(Map.of("tag", "old", "n", 1));

        behaviour.replace(counting("new"));

        assertThat(session.request(Map.of(), TIMEOUT).value()).isEqualTo(Map.of("tag", "new", "n", 2));
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void aFixedBehaviourRefusesAReplacement() {
        Behaviour behaviour = Behaviour.fixed(counting("old"));

        assertThatThrownBy(() -> behaviour.replace(counting("new"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fixed");
    }

    @Test
    void aReplaceableBuiltInRunsOffTheIoThreads() {
        assertThat(Behaviour.replaceable(new EchoHandlerProvider().create(dev.mtk.spi.Options.of(Map.of()))).inline()).isFalse();
        assertThat(Behaviour.fixed(new EchoHandlerProvider().create(dev.mtk.spi.Options.of(Map.of()))).inline()).isTrue();
    }

    @Test
    void resetClearsWhatSessionsShare() throws Exception {
        Behaviour behaviour = Behaviour.replaceable((Conversation session, Received received) ->
                session.reply(Map.of("seen", session.shared().merge("seen", 1, (a, b) -> (Integer) a + 1))));
        ClientSession session = start(behaviour);
        session.request(Map.of(), TIMEOUT);

        behaviour.reset();

        assertThat(session.request(Map.of(), TIMEOUT).value()).isEqualTo(Map.of("seen", 1));
    }

    @Test
    void theServerListsItsSessionsWithTheirCountsAndClosesOneById() throws Exception {
        ClientSession session = start(Behaviour.replaceable(counting("x")));
        session.request(Map.of(), TIMEOUT);

        ServerSession seen = server.sessions().get(0);
        assertThat(seen.messagesIn()).isEqualTo(1);
        assertThat(seen.messagesOut()).isEqualTo(1);
        assertThat(seen.bytesIn()).isPositive();
        assertThat(server.closeSession(seen.id())).isTrue();

        org.awaitility.Awaitility.await().until(() -> !session.isOpen());
        assertThat(server.closeSession(seen.id())).isFalse();
    }
}
