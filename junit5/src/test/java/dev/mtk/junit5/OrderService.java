package dev.mtk.junit5;

import dev.mtk.embed.MtkClient;
import dev.mtk.spi.PayloadException;
import java.util.Map;

/** The code under test in docs/TESTING.md's examples: a client of a stock service that speaks the reply profile. */
final class OrderService {
    private final String host;
    private final int port;

    OrderService(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * Reserves {@code count} of {@code item} and returns the reservation's id.
     *
     * @throws IllegalStateException with the service's error when it refuses
     */
    String place(String item, int count) throws PayloadException {
        try (MtkClient client = MtkClient.builder().host(host).port(port).profile("reply").connect()) {
            Map<?, ?> reply = (Map<?, ?>) client.request(Map.of("op", "reserve", "item", item, "count", count))
                    .value();
            if (!Boolean.TRUE.equals(reply.get("ok"))) {
                throw new IllegalStateException(String.valueOf(reply.get("error")));
            }
            return String.valueOf(reply.get("id"));
        }
    }
}
