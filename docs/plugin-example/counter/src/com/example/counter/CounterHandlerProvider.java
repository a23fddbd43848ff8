package com.example.counter;

import dev.mtk.spi.Conversation;
import dev.mtk.spi.Handler;
import dev.mtk.spi.HandlerProvider;
import dev.mtk.spi.Options;
import dev.mtk.spi.Received;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Answers every message with how many its session, and the whole server, have seen. */
public final class CounterHandlerProvider implements HandlerProvider {
    @Override public String name() { return "counter"; }

    @Override public String description() { return "answers each message with its session's and the server's count"; }

    /** mtk refuses any other option, naming the handler: handler counter: unknown option 'x' (known: label). */
    @Override public List<String> options() { return List.of("label"); }

    @Override
    public Handler create(Options options) {
        String label = options.get("label", "seen");
        AtomicLong total = new AtomicLong();
        return new Handler() {
            @Override
            public void onOpen(Conversation session) {
                session.log("counting for " + session.peer());
            }

            @Override
            public void onMessage(Conversation session, Received message) throws Exception {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put(label, session.state().merge("count", 1L, (a, b) -> (Long) a + (Long) b));
                answer.put("total", total.incrementAndGet());
                session.reply(answer);
            }
            /** Whatever a callback threw, an Error such as a missing class included: say so, and close. */
            @Override
            public void onError(Conversation session, Throwable error) {
                session.close(label + " counter failed: " + error);
            }
        };
    }
}
