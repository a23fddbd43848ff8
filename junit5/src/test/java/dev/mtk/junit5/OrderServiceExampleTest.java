package dev.mtk.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.embed.MtkServer;
import dev.mtk.journal.JournalQuery;
import org.junit.jupiter.api.Test;

// docs:begin
@MtkTest
class OrderServiceExampleTest {
    @MockServer(profile = "reply", script = "onMessage { reply([ok: true, id: 'R-1']) }", failOnUnexpected = true)
    static MtkServer stock;                       // one server for the class, on a free port

    @Test
    void placingAnOrderReservesTheItem(@ServerPort int port) throws Exception {
        OrderService orders = new OrderService("127.0.0.1", port);

        assertThat(orders.place("apple", 3)).isEqualTo("R-1");

        stock.journal().verify(1, JournalQuery.all().path("$.op", "reserve").path("$.item", "apple"));
    }

    @Test
    void eachTestStartsWithAnEmptyJournal() {
        assertThat(stock.journal().received()).isEmpty();
    }
}
// docs:end
