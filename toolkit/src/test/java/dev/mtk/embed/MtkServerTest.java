package dev.mtk.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.journal.JournalEntry;
import dev.mtk.journal.JournalQuery;
import dev.mtk.journal.JournalVerificationError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MtkServerTest {
    private static final String COUNTING = "onMessage { msg -> reply([n: shared.counter('n').incrementAndGet()]) }";

    private MtkServer server;
    private MtkClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private MtkClient connect() {
        client = MtkClient.builder().port(server.port()).profile("reply").connect();
        return client;
    }

    private MtkServer echoing() {
        server = MtkServer.builder().profile("reply")
                .handler((session, message) -> session.reply(Map.of("echo", message.value()))).start();
        return server;
    }

    @Test
    void anEmbeddedServerOnPortZeroAnswersAClient() throws Exception {
        echoing();

        assertThat(server.port()).isPositive();
        assertThat(server.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(connect().request(Map.of("op", "ping")).value()).isEqualTo(Map.of("echo", Map.of("op", "ping")));
    }

    @Test
    void theJournalHoldsWhatEachSessionSent() throws Exception {
        echoing();
        connect().request(Map.of("op", "put", "key", "a"));
        client.request(Map.of("op", "get", "key", "a"));

        long session = server.sessions().get(0).id();
        assertThat(server.journal().received(JournalQuery.all().session(session))).extracting(JournalEntry::value)
                .containsExactly(Map.of("op", "put", "key", "a"), Map.of("op", "get", "key", "a"));
        server.journal().verify(1, JournalQuery.all().path("$.op", "put"));
    }

    @Test
    void aFailedVerificationListsWhatWasReceivedInstead() throws Exception {
        echoing();
        connect().request(Map.of("op", "get"));

        assertThatThrownBy(() -> server.journal().verify(JournalQuery.all().path("$.op", "put")))
                .isInstanceOf(JournalVerificationError.class)
                .hasMessageStartingWith("expected at least one of messages with $.op = put, matched 0; received 1 "
                        + "message, nearest first:\n  #1 session ")
                .hasMessageEndingWith("{\"op\":\"get\"}  (misses 1)");
    }

    @Test
    void aBehaviourReplacedWhileAClientStaysConnectedAnswersItsNextMessage() throws Exception {
        echoing();
        connect().request(Map.of("n", 1));

        server.replaceBehaviour("onMessage { msg -> reply([replaced: msg.value.n]) }", "replaced.groovy");

        assertThat(client.request(Map.of("n", 2)).value()).isEqualTo(Map.of("replaced", 2));
        assertThat(server.sessions()).hasSize(1);
    }

    @Test
    void replacingTheBehaviourOverAndOverWhileAClientSendsLosesNoReply() throws Exception {
        echoing();
        connect();
        server.replaceBehaviour((session, message) -> session.reply(Map.of("tag", "first")));
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread replacer = new Thread(() -> {
            int turn = 0;
            while (sending.get()) {
                String tag = "turn " + turn++;
                server.replaceBehaviour((session, message) -> session.reply(Map.of("tag", tag)));
            }
        });
        replacer.start();
        try {
            for (int i = 0; i < 500; i++) {
                assertThat(client.request(Map.of("n", i)).value()).asInstanceOf(InstanceOfAssertFactories.MAP)
                        .containsKey("tag");
            }
        } finally {
            sending.set(false);
            replacer.join();
        }
        assertThat(server.sessions()).hasSize(1);
    }

    @Test
    void aScriptThatDoesNotCompileIsRefusedWithItsNameAndLineAndTheOldBehaviourStays() throws Exception {
        echoing();
        connect();

        assertThatThrownBy(() -> server.replaceBehaviour("def answer = [a: 1]\n\nlog 'oops' )",
                "broken.groovy")).isInstanceOf(BehaviourException.class).hasMessageStartingWith("broken.groovy:3:");
        assertThat(client.request(Map.of("n", 1)).value()).isEqualTo(Map.of("echo", Map.of("n", 1)));
    }

    @Test
    void aHandlerNamedAsOnTheCommandLineReplacesTheBehaviour() throws Exception {
        server = MtkServer.builder().profile("reply").script(COUNTING).start();
        connect().request(Map.of("n", 1));

        server.replaceBehaviour("echo");

        assertThat(client.request(Map.of("n", 2)).value()).isEqualTo(Map.of("n", 2));
    }

    @Test
    void anUnknownHandlerIsRefusedNamingTheKnownOnes() throws Exception {
        echoing();

        assertThatThrownBy(() -> server.replaceBehaviour("nosuch")).isInstanceOf(BehaviourException.class)
                .hasMessageContaining("nosuch").hasMessageContaining("echo");
    }

    @Test
    void resetClearsTheJournalAndTheScriptsSharedStateButKeepsTheSession() throws Exception {
        server = MtkServer.builder().profile("reply").script(COUNTING).start();
        connect().request(Map.of());
        client.request(Map.of());

        server.reset();

        assertThat(server.journal().received()).isEmpty();
        assertThat(client.request(Map.of()).value()).isEqualTo(Map.of("n", 1));
        assertThat(server.journal().received()).extracting(JournalEntry::seq).containsExactly(3L);
    }

    @Test
    void aFixedBehaviourRefusesAReplacement() throws Exception {
        server = MtkServer.builder().profile("reply").handler("echo").fixedBehaviour().start();

        assertThatThrownBy(() -> server.replaceBehaviour("onMessage { }", "x.groovy"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("fixedBehaviour()");
    }

    @Test
    void sessionsListTheClientWithItsTrafficAndOneCanBeClosed() throws Exception {
        echoing();
        connect().request(Map.of("op", "ping"));

        SessionInfo info = server.sessions().get(0);
        assertThat(info.messagesIn()).isEqualTo(1);
        assertThat(info.messagesOut()).isEqualTo(1);
        assertThat(info.bytesIn()).isPositive();
        Awaitility.await().until(() -> server.sessions().get(0).bytesOut() > 0);
        assertThat(info.peer()).startsWith("127.0.0.1:");

        assertThat(server.closeSession(info.id())).isTrue();
        Awaitility.await().until(() -> !client.session().isOpen());
    }

    @Test
    void aScriptFileGivesTheBehaviour(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("pong.groovy"), "onMessage { reply([pong: true]) }");
        server = MtkServer.builder().profile("reply").script(script).start();

        assertThat(connect().request(Map.of()).value()).isEqualTo(Map.of("pong", true));
    }

    @Test
    void aBadScriptFileIsRefusedAtStartWithItsNameAndLine(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("bad.groovy"), "\n\nonMessage { reply([a: ] }");

        assertThatThrownBy(() -> MtkServer.builder().script(script).start()).isInstanceOf(BehaviourException.class)
                .hasMessageStartingWith(script + ":3:");
    }

    @Test
    void theSeedsConfirmationsAreNotJournaled() throws Exception {
        server = MtkServer.builder().profile("json").start();
        client = MtkClient.builder().port(server.port()).profile("json").connect();
        client.session().exchange(Map.of("n", 1), Duration.ofSeconds(5));
        // The second acknowledgement comes after the server took the first confirmation: same session, in order.
        client.session().exchange(Map.of("n", 2), Duration.ofSeconds(5));

        assertThat(server.journal().received()).extracting(JournalEntry::value)
                .containsExactly(Map.of("n", 1), Map.of("n", 2));
    }

    @Test
    void aJournalOfNoMessagesKeepsNothing() throws Exception {
        server = MtkServer.builder().profile("reply").journal(0).start();
        connect().request(Map.of());

        assertThat(server.journal().received()).isEmpty();
    }
}
