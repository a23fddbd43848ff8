package dev.mtk.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class MtkClientTest {
    private MtkServer server;
    private MtkClient client;

    @BeforeEach
    void start() {
        server = MtkServer.builder().profile("reply").handler("echo").start();
        client = MtkClient.builder().port(server.port()).profile("reply").connect();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void expectAcceptsTheNextMessageWhenItHoldsTheValue() {
        client.send(Map.of("n", 1));

        assertThat(client.expect(Map.of("n", 1L)).text()).isEqualTo("{\"n\":1}");
    }

    @Test
    void expectFailsNamingWhatCameInstead() {
        client.send(Map.of("n", 1));

        assertThatThrownBy(() -> client.expect(Map.of("n", 2))).isInstanceOf(AssertionError.class)
                .hasMessage("expected {n=2}, received {\"n\":1}");
    }

    @Test
    void expectWithAConditionFailsWhenTheNextMessageDoesNotMeetIt() {
        client.send(Map.of("t", "x"));

        assertThatThrownBy(() -> client.expect(message -> message.text().equals("y")))
                .isInstanceOf(AssertionError.class)
                .hasMessage("expected a message matching the condition, received {\"t\":\"x\"}");
    }

    @Test
    void aValueThePayloadRefusesIsAnIllegalArgument() {
        assertThatThrownBy(() -> client.send(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClientNeedsAPort() {
        assertThatThrownBy(() -> MtkClient.builder().connect()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("port");
    }

    @Test
    void aPluginJarItCannotLoadIsLoggedAsAWarning(@TempDir Path plugins) throws Exception {
        Path broken = Files.writeString(plugins.resolve("broken.jar"), "not a zip");
        Logger log = (Logger) LoggerFactory.getLogger("mtk.embed");
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        log.addAppender(warnings);
        try (MtkClient other = MtkClient.builder().port(server.port()).profile("reply").plugins(plugins).connect()) {
            assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                    .startsWith("plugin " + broken + ": not a jar (zip) file");
        } finally {
            log.detachAppender(warnings);
        }
    }
}
