package dev.mtk.script;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * State shared by every session of a behaviour script, safe from any thread: named counters, named maps, and
 * plain values ({@code shared.greeting = 'hi'}, {@code shared['greeting']}).
 */
public final class SharedState {
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Map<String, Map<Object, Object>> maps = new ConcurrentHashMap<>();
    private final Map<String, Object> values = new ConcurrentHashMap<>();

    /** The counter called {@code name}, created at 0: {@code shared.counter('requests').incrementAndGet()}. */
    public AtomicLong counter(String name) {
        return counters.computeIfAbsent(name, key -> new AtomicLong());
    }

    /** The concurrent map called {@code name}, created empty. */
    public Map<Object, Object> map(String name) {
        return maps.computeIfAbsent(name, key -> new ConcurrentHashMap<>());
    }

    public Object getAt(String name) {
        return values.get(name);
    }

    public void putAt(String name, Object value) {
        values.put(name, value);
    }

    /** Groovy's {@code shared.name}. */
    public Object propertyMissing(String name) {
        return values.get(name);
    }

    /** Groovy's {@code shared.name = value}. */
    public void propertyMissing(String name, Object value) {
        values.put(name, value);
    }

    /** Forgets every counter, map and value: a server's reset. */
    void clear() {
        counters.clear();
        maps.clear();
        values.clear();
    }
}
