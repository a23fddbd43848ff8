package dev.mtk.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.embed.MtkClient;
import dev.mtk.embed.MtkServer;
import dev.mtk.journal.JournalQuery;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link MtkServerExtension}, checked by running the sample classes below and reading what they did. */
class MtkServerExtensionTest {

    @Test
    void aStaticExtensionIsOneServerForTheClassResetBeforeEachTest() {
        SampleRun run = SampleRun.of(PerClass.class);

        assertThat(run.failures()).isEmpty();
        assertThat(run.reported("port")).hasSize(2).containsOnly(run.reported("port").get(0));
        assertThat(run.reported("journal")).containsExactly("1", "0");
    }

    @Test
    void theHandlerGivenAsALambdaAnswers() {
        SampleRun run = SampleRun.of(PerClass.class);

        assertThat(run.reported("reply")).containsExactly("{ok=true}");
    }

    @Test
    void theServerIsInjectedAsAParameterWithItsPort() {
        SampleRun run = SampleRun.of(PerClass.class);

        assertThat(run.reported("injected")).containsExactly("same server, same port");
    }

    @Test
    void aPerTestExtensionIsANewServerForEachTest() {
        SampleRun run = SampleRun.of(PerTest.class);

        assertThat(run.failures()).isEmpty();
        assertThat(run.reported("port")).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aPerClassServerOnAnInstanceFieldIsRefusedSayingWhatToDo() {
        SampleRun run = SampleRun.of(InstanceField.class);

        assertThat(run.failures()).singleElement().asString().isEqualTo("MtkServerExtension: a per-class server needs"
                + " a static @RegisterExtension field (or @TestInstance(PER_CLASS)); make the field static or build it"
                + " with lifecycle(PER_TEST)");
    }

    @Test
    void unverifiedMessagesFailAPassingTestWhenAskedFor() {
        SampleRun run = SampleRun.of(Unexpected.class);

        assertThat(run.failures()).singleElement().asString()
                .contains("MtkServerExtension: expected no messages but those verified; 1 message was not verified:")
                .contains("{\"op\":\"get\"}");
    }

    @Test
    void aBadValueIsRefusedWhenTheFieldIsBuilt() {
        assertThatThrownBy(() -> MtkServerExtension.builder().maxFrame(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @TestMethodOrder(MethodOrderer.MethodName.class)
    @Tag("sample")
    static class PerClass {
        @RegisterExtension
        static MtkServerExtension server = MtkServerExtension.builder().profile("reply")
                .handler((session, message) -> session.reply(Map.of("ok", true)))
                .build();

        @Test
        void first(TestReporter reporter) throws Exception {
            try (MtkClient client = MtkClient.builder().port(server.port()).profile("reply").connect()) {
                reporter.publishEntry("reply", String.valueOf(client.request(Map.of("op", "put")).value()));
            }
            reporter.publishEntry("port", String.valueOf(server.port()));
            reporter.publishEntry("journal", String.valueOf(server.server().journal().size()));
        }

        @Test
        void second(MtkServer injected, @ServerPort int port, TestReporter reporter) {
            reporter.publishEntry("port", String.valueOf(server.port()));
            reporter.publishEntry("journal", String.valueOf(server.server().journal().size()));
            if (injected == server.server() && port == server.port()) {
                reporter.publishEntry("injected", "same server, same port");
            }
        }
    }

    @Tag("sample")
    static class PerTest {
        @RegisterExtension
        static MtkServerExtension server = MtkServerExtension.builder().profile("reply")
                .lifecycle(Lifecycle.PER_TEST).build();

        @Test
        void first(TestReporter reporter) {
            reporter.publishEntry("port", String.valueOf(server.port()));
        }

        @Test
        void second(TestReporter reporter) {
            reporter.publishEntry("port", String.valueOf(server.port()));
        }
    }

    @Tag("sample")
    static class InstanceField {
        @RegisterExtension
        MtkServerExtension server = MtkServerExtension.builder().profile("reply").build();

        @Test
        void neverRuns() {
        }
    }

    @Tag("sample")
    static class Unexpected {
        @RegisterExtension
        static MtkServerExtension server = MtkServerExtension.builder().profile("reply").failOnUnexpected().build();

        @Test
        void leavesAGetUnverified() {
            SampleRun.request(server.port(), Map.of("op", "put"));
            SampleRun.request(server.port(), Map.of("op", "get"));
            server.server().journal().verify(JournalQuery.all().path("$.op", "put"));
        }
    }
}
