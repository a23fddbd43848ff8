package dev.mtk.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExchangeTest {

    @Test
    void eachExchangeIsFoundByItsLabel() {
        assertThat(Exchange.named("seed")).isEqualTo(Exchange.SEED);
        assertThat(Exchange.named("reply")).isEqualTo(Exchange.REPLY);
        assertThat(Exchange.named("oneway")).isEqualTo(Exchange.ONE_WAY);
    }

    @Test
    void anUnknownLabelNamesTheKnownOnes() {
        assertThatThrownBy(() -> Exchange.named("rpc"))
                .hasMessage("unknown exchange 'rpc' (known: seed, reply, oneway)");
    }

    @Test
    void onlyOneWayAwaitsNothing() {
        assertThat(Exchange.ONE_WAY.awaitsReply()).isFalse();
        assertThat(Exchange.REPLY.awaitsReply()).isTrue();
        assertThat(Exchange.SEED.awaitsReply()).isTrue();
    }
}
