package dev.mtk.junit5;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.embed.MtkServer;
import dev.mtk.journal.JournalQuery;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// docs:begin
class RegisteredServerExampleTest {
    @RegisterExtension
    static MtkServerExtension stock = MtkServerExtension.builder().profile("reply")
            .handler((session, message) -> session.reply(Map.of("ok", false, "error", "out of stock")))
            .lifecycle(Lifecycle.PER_TEST)            // a new server, on a new port, for each test
            .build();

    @Test
    void anOrderForAnItemOutOfStockIsRefused(MtkServer server) {
        OrderService orders = new OrderService("127.0.0.1", stock.port());

        assertThatThrownBy(() -> orders.place("pear", 1)).hasMessage("out of stock");

        server.journal().verify(JournalQuery.all().path("$.item", "pear"));
    }
}
// docs:end
