package dev.mtk.journal;

import dev.mtk.payload.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;

/**
 * Which journal entries a test means: {@link #all()}, narrowed by each call, every call returning a new query.
 *
 * <pre>{@code
 * JournalQuery puts = JournalQuery.all().session(id).path("$.op", "put").since(lastSeen);
 * }</pre>
 *
 * <p>Each narrowing is kept with a description, so that a failed verification can say what was asked for and how
 * near each received message came to it (how many of the conditions it missed).
 */
public final class JournalQuery {
    private static final JournalQuery ALL = new JournalQuery(List.of());

    private final List<Condition> conditions;

    private JournalQuery(List<Condition> conditions) {
        this.conditions = conditions;
    }

    /** Every entry. */
    public static JournalQuery all() {
        return ALL;
    }

    /** Only entries of the session with this id. */
    public JournalQuery session(long id) {
        return and("session " + id, entry -> entry.session() == id);
    }

    /**
     * Only entries whose decoded value holds {@code expected} at {@code path} ({@code $.op}, {@code $.items[0].id}),
     * compared as a script's {@code ==} compares (a JSON {@code 1} equals {@code 1L} and {@code 1.0}). An entry whose body
     * cannot be decoded does not match.
     *
     * @throws IllegalArgumentException when {@code path} is not a JSON path, naming what is wrong with it
     */
    public JournalQuery path(String path, Object expected) {
        JsonPath parsed = JsonPath.parse(path);
        return and(path + " = " + expected, entry -> {
            Object value;
            try {
                value = parsed.select(entry.value());
            } catch (RuntimeException notDecodable) {
                return false;
            }
            return DefaultTypeTransformation.compareEqual(expected, value);
        });
    }

    /** Only entries {@code test} accepts; a test that throws on an entry does not accept it. */
    public JournalQuery matching(Predicate<JournalEntry> test) {
        return matching("a predicate", test);
    }

    /** {@link #matching(Predicate)}, named in failure messages by {@code description}. */
    public JournalQuery matching(String description, Predicate<JournalEntry> test) {
        Objects.requireNonNull(test, "test");
        return and(description, entry -> {
            try {
                return test.test(entry);
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /** Only entries after {@code seq}: {@code since(journal.lastSeq())} before an action means "what it caused". */
    public JournalQuery since(long seq) {
        return and("after #" + seq, entry -> entry.seq() > seq);
    }

    /** Whether {@code entry} meets every condition. */
    public boolean test(JournalEntry entry) {
        return misses(entry) == 0;
    }

    /** How many conditions {@code entry} fails: 0 for a match, fewer for a nearer miss. */
    int misses(JournalEntry entry) {
        int missed = 0;
        for (Condition condition : conditions) {
            if (!condition.test().test(entry)) {
                missed++;
            }
        }
        return missed;
    }

    private JournalQuery and(String description, Predicate<JournalEntry> test) {
        List<Condition> more = new ArrayList<>(conditions);
        more.add(new Condition(description, test));
        return new JournalQuery(List.copyOf(more));
    }

    /** {@code messages with session 3, $.op = put}, or {@code any message}. */
    @Override
    public String toString() {
        if (conditions.isEmpty()) {
            return "any message";
        }
        StringBuilder text = new StringBuilder("messages with ");
        for (int i = 0; i < conditions.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(conditions.get(i).description());
        }
        return text.toString();
    }

    private record Condition(String description, Predicate<JournalEntry> test) {
    }
}
