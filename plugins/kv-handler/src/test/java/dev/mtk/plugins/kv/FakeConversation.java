package dev.mtk.plugins.kv;

import dev.mtk.spi.Conversation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A session with no network: it keeps what the handler replied. */
final class FakeConversation implements Conversation {
    final List<Object> replies = new ArrayList<>();
    private final Map<String, Object> state = new ConcurrentHashMap<>();
    private final Map<String, Object> shared;

    FakeConversation(Map<String, Object> shared) {
        this.shared = shared;
    }

    Object lastReply() {
        return replies.get(replies.size() - 1);
    }

    @Override
    public long id() {
        return 1;
    }

    @Override
    public String peer() {
        return "127.0.0.1:1";
    }

    @Override
    public Map<String, Object> state() {
        return state;
    }

    @Override
    public Map<String, Object> shared() {
        return shared;
    }

    @Override
    public int reply(Object value) {
        replies.add(value);
        return 0;
    }

    @Override
    public void replyLater(Duration delay, Object value) {
        replies.add(value);
    }


    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
    }

    @Override
    public void close(String reason) {
    }

    @Override
    public int idleSeconds() {
        return 0;
    }

    @Override
    public void log(String line) {
    }
}
