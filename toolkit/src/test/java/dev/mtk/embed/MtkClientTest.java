package dev.mtk.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
}
