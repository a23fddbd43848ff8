package dev.mtk.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.embed.MtkServer;
import dev.mtk.journal.JournalQuery;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;

/** {@link MtkTest} and {@link MockServer}, checked by running the sample classes below and reading what they did. */
class MtkExtensionTest {

    @Test
    void aPerClassFieldServerIsOneServerForTheClass() {
        SampleRun run = SampleRun.of(PerClassField.class);

        assertThat(run.failures()).isEmpty();
        assertThat(run.reported("port")).hasSize(2).containsOnly(run.reported("port").get(0));
    }

    @Test
    void aPerClassServersJournalIsResetBeforeEachTest() {
        SampleRun run = SampleRun.of(PerClassField.class);

        assertThat(run.reported("journal")).containsExactly("1", "0");
    }

    @Test
    void aPerClassServerIsInjectedAsAParameterWithItsPort() {
        SampleRun run = SampleRun.of(PerClassField.class);

        assertThat(run.reported("injected")).containsExactly("same server, same port");
    }

    @Test
    void aPerTestFieldServerIsANewServerForEachTest() {
        SampleRun run = SampleRun.of(PerTestField.class);

        assertThat(run.failures()).isEmpty();
        assertThat(run.reported("port")).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aServerIsClosedAfterItsTestEvenWhenTheTestFails() {
        SampleRun run = SampleRun.of(FailingTest.class);

        run.tests().assertStatistics(stats -> stats.failed(1));
        int port = Integer.parseInt(run.reported("port").get(0));
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port));
            }
        }).isInstanceOf(ConnectException.class);
    }

    @Test
    void aParameterDeclaresItsTestsOwnServer() {
        SampleRun run = SampleRun.of(ParameterServer.class);

        assertThat(run.failures()).isEmpty();
        assertThat(run.reported("port")).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aFailedVerificationFailsTheTestListingWhatWasReceived() {
        SampleRun run = SampleRun.of(VerificationFails.class);

        assertThat(run.failures()).singleElement().asString()
                .startsWith("expected at least one of messages with $.op = delete, matched 0; received 1 message,")
                .contains("{\"op\":\"put\"}  (misses 1)");
    }

    @Test
    void unverifiedMessagesFailAPassingTestWhenTheServerAsksForIt() {
        SampleRun run = SampleRun.of(Unexpected.class);

        run.tests().assertStatistics(stats -> stats.succeeded(1).failed(1));
        assertThat(run.failures()).singleElement().asString()
                .matches("(?s)mtk server 127\\.0\\.0\\.1:\\d+ \\(profile reply\\), @MockServer field Unexpected\\.server:"
                        + " expected no messages but those verified; 1 message was not verified:\n"
                        + "  #2 session \\d+ 127\\.0\\.0\\.1:\\d+ \\{\"op\":\"get\"}");
    }

    @Test
    void aServerThatCannotStartFailsTheClassNamingTheField() {
        SampleRun run = SampleRun.of(UnknownProfile.class);

        assertThat(run.failures()).singleElement().asString()
                .startsWith("@MockServer field UnknownProfile.server: ").contains("nope");
    }

    @Test
    void twoBehavioursOnOneServerAreRefused() {
        SampleRun run = SampleRun.of(TwoBehaviours.class);

        assertThat(run.failures()).singleElement().asString().isEqualTo("@MockServer field TwoBehaviours.server:"
                + " give one of handler, script and scriptFile; a server has one behaviour");
    }

    @MtkTest
    @TestMethodOrder(MethodOrderer.MethodName.class)
    @Tag("sample")
    static class PerClassField {
        @MockServer(profile = "reply")
        static MtkServer server;

        @Test
        void first(TestReporter reporter) {
            SampleRun.request(server.port(), Map.of("op", "put"));
            reporter.publishEntry("port", String.valueOf(server.port()));
            reporter.publishEntry("journal", String.valueOf(server.journal().size()));
        }

        @Test
        void second(MtkServer injected, @ServerPort int port, TestReporter reporter) {
            reporter.publishEntry("port", String.valueOf(server.port()));
            reporter.publishEntry("journal", String.valueOf(server.journal().size()));
            if (injected == server && port == server.port()) {
                reporter.publishEntry("injected", "same server, same port");
            }
        }
    }

    @MtkTest
    @Tag("sample")
    static class PerTestField {
        @MockServer(profile = "reply", lifecycle = Lifecycle.PER_TEST)
        MtkServer server;

        @Test
        void first(TestReporter reporter) {
            reporter.publishEntry("port", String.valueOf(server.port()));
        }

        @Test
        void second(TestReporter reporter) {
            reporter.publishEntry("port", String.valueOf(server.port()));
        }
    }

    @MtkTest
    @Tag("sample")
    static class FailingTest {
        @MockServer(profile = "reply", lifecycle = Lifecycle.PER_TEST)
        MtkServer server;

        @Test
        void fails(TestReporter reporter) {
            reporter.publishEntry("port", String.valueOf(server.port()));
            throw new AssertionError("failed on purpose");
        }
    }

    @MtkTest
    @Tag("sample")
    static class ParameterServer {
        @Test
        void first(@MockServer(profile = "reply", handler = "echo", lifecycle = Lifecycle.PER_TEST) MtkServer server,
                   TestReporter reporter) {
            SampleRun.request(server.port(), Map.of("op", "put"));
            server.journal().verify(1, JournalQuery.all());
            reporter.publishEntry("port", String.valueOf(server.port()));
        }

        @Test
        void second(@MockServer(profile = "reply", handler = "echo", lifecycle = Lifecycle.PER_TEST) MtkServer server,
                    TestReporter reporter) {
            server.journal().verify(0, JournalQuery.all());
            reporter.publishEntry("port", String.valueOf(server.port()));
        }
    }

    @MtkTest
    @Tag("sample")
    static class VerificationFails {
        @MockServer(profile = "reply")
        static MtkServer server;

        @Test
        void verifiesADeleteThatNeverCame() {
            SampleRun.request(server.port(), Map.of("op", "put"));
            server.journal().verify(JournalQuery.all().path("$.op", "delete"));
        }
    }

    @MtkTest
    @TestMethodOrder(MethodOrderer.MethodName.class)
    @Tag("sample")
    static class Unexpected {
        @MockServer(profile = "reply", failOnUnexpected = true)
        static MtkServer server;

        @Test
        void leavesAGetUnverified() {
            SampleRun.request(server.port(), Map.of("op", "put"));
            SampleRun.request(server.port(), Map.of("op", "get"));
            server.journal().verify(JournalQuery.all().path("$.op", "put"));
        }

        @Test
        void verifiesAll() {
            SampleRun.request(server.port(), Map.of("op", "put"));
            server.journal().verify(JournalQuery.all().path("$.op", "put"));
        }
    }

    @MtkTest
    @Tag("sample")
    static class UnknownProfile {
        @MockServer(profile = "nope")
        static MtkServer server;

        @Test
        void neverRuns() {
        }
    }

    @MtkTest
    @Tag("sample")
    static class TwoBehaviours {
        @MockServer(profile = "reply", handler = "echo", script = "onMessage { reply([ok: true]) }")
        static MtkServer server;

        @Test
        void neverRuns() {
        }
    }
}
