package dev.mtk.journal;

import dev.mtk.internal.Checks;
import dev.mtk.spi.Received;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a server received, in order, for tests to read and verify; bounded by a number of messages and by the bytes of
 * their bodies, the oldest dropped first and counted ({@link #dropped()}).
 *
 * <pre>{@code
 * journal.verify(JournalQuery.all().path("$.op", "put"));          // at least one put
 * journal.verify(2, JournalQuery.all().session(id));               // exactly two on that session
 * List<JournalEntry> since = journal.received(JournalQuery.all().since(seen));
 * }</pre>
 *
 * <p>Thread-safe. The server records each message with one append under a short lock, and nothing is decoded or
 * copied then: decoding waits for {@link JournalEntry#value()}, so a journal nobody reads costs a lock and an
 * {@link Instant} per message. The newest message is always kept, even when its body alone is over the byte budget.
 *
 * <p>Each {@code verify} remembers the entries its query matched, so that a test can end with
 * {@link #verifyNoUnexpectedMessages()}: whatever no verification accounted for was not expected (Mockito's
 * {@code verifyNoMoreInteractions}, for messages).
 */
public final class Journal {
    /** How many messages a journal keeps unless told otherwise. */
    public static final int DEFAULT_MAX_MESSAGES = 10_000;
    /** How many bytes of bodies a journal keeps unless told otherwise: 64 MiB. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    /** Verification failures list at most this many received messages, the nearest. */
    private static final int SHOWN = 10;

    private final int maxMessages;
    private final long maxBytes;
    private final ArrayDeque<JournalEntry> entries = new ArrayDeque<>();
    /** The seqs of kept entries some {@code verify} matched; no larger than {@link #entries}. */
    private final Set<Long> verified = new HashSet<>();
    /** The fields below and {@link #entries} are guarded by {@code this}. */
    private long bytes;
    private long lastSeq;
    private long dropped;

    private Journal(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /** A journal of {@value #DEFAULT_MAX_MESSAGES} messages and 64 MiB of bodies. */
    public static Journal withDefaults() {
        return bounded(DEFAULT_MAX_MESSAGES, DEFAULT_MAX_BYTES);
    }

    /**
     * A journal keeping at most {@code maxMessages} messages and {@code maxBytes} bytes of bodies; {@code maxMessages}
     * 0 keeps nothing (and counts nothing).
     *
     * @throws IllegalArgumentException for a negative count or a byte budget under 1
     */
    public static Journal bounded(int maxMessages, long maxBytes) {
        Checks.notNegative("journal messages", maxMessages);
        if (maxBytes < 1) {
            throw new IllegalArgumentException("journal bytes must be at least 1: " + maxBytes);
        }
        return new Journal(maxMessages, maxBytes);
    }

    /** Records {@code message}, received on session {@code session} from {@code peer}; the server calls it. */
    public void record(long session, String peer, Received message) {
        if (maxMessages == 0) {
            return;
        }
        Instant at = Instant.now();
        synchronized (this) {
            JournalEntry entry = new JournalEntry(++lastSeq, session, peer, at, message);
            entries.addLast(entry);
            bytes += message.body().length;
            while (entries.size() > 1 && (entries.size() > maxMessages || bytes > maxBytes)) {
                JournalEntry oldest = entries.removeFirst();
                bytes -= oldest.bodyLength();
                verified.remove(oldest.seq());
                dropped++;
            }
        }
    }

    /** Every entry kept, oldest first. */
    public synchronized List<JournalEntry> received() {
        return List.copyOf(entries);
    }

    /** How many entries are kept, without copying them as {@code received().size()} would. */
    public synchronized int size() {
        return entries.size();
    }

    /** The entries kept that {@code query} matches, oldest first; the query (user code) runs outside the lock. */
    public List<JournalEntry> received(JournalQuery query) {
        return received().stream().filter(query::test).toList();
    }

    /** How many entries kept {@code query} matches. */
    public int count(JournalQuery query) {
        return (int) received().stream().filter(query::test).count();
    }

    /** The seq of the last message recorded, 0 before the first; {@link #clear()} keeps it. */
    public synchronized long lastSeq() {
        return lastSeq;
    }

    /** Messages dropped to stay within the budget since the last {@link #clear()}. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Forgets every entry and the dropped count; seq numbers go on from where they were. */
    public synchronized void clear() {
        entries.clear();
        verified.clear();
        bytes = 0;
        dropped = 0;
    }

    /**
     * Checks that {@code query} matches at least one entry.
     *
     * @throws JournalVerificationError when none does, listing what was received instead, nearest first
     */
    public void verify(JournalQuery query) {
        List<JournalEntry> all = received();
        int matched = markVerified(all, query);
        if (matched == 0) {
            throw failure("at least one of " + query, matched, all, query);
        }
    }

    /**
     * Checks that {@code query} matches exactly {@code times} entries.
     *
     * @throws JournalVerificationError when it matches more or fewer, listing what was received, nearest first
     */
    public void verify(int times, JournalQuery query) {
        Checks.notNegative("times", times);
        List<JournalEntry> all = received();
        int matched = markVerified(all, query);
        if (matched != times) {
            throw failure(times + " of " + query, matched, all, query);
        }
    }

    /**
     * The entries kept that no {@code verify} has matched since the last {@link #clear()}, oldest first. An entry a
     * failed verification matched counts as verified: the failure already told the test about it.
     */
    public synchronized List<JournalEntry> unverified() {
        List<JournalEntry> left = new ArrayList<>();
        for (JournalEntry entry : entries) {
            if (!verified.contains(entry.seq())) {
                left.add(entry);
            }
        }
        return List.copyOf(left);
    }

    /**
     * Checks that every entry kept was matched by some {@code verify}: a test that verified what it expected ends with
     * this to learn of anything else that came.
     *
     * @throws JournalVerificationError when some were not, listing them oldest first
     */
    public void verifyNoUnexpectedMessages() {
        List<JournalEntry> left = unverified();
        if (left.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder("expected no messages but those verified; ").append(left.size())
                .append(left.size() == 1 ? " message was" : " messages were").append(" not verified")
                .append(left.size() > SHOWN ? ", the first " + SHOWN : "").append(':');
        for (JournalEntry entry : left.subList(0, Math.min(SHOWN, left.size()))) {
            text.append("\n  ").append(entry);
        }
        throw new JournalVerificationError(text.toString());
    }

    /** Counts the entries {@code query} matches and remembers them as verified. */
    private int markVerified(List<JournalEntry> entries, JournalQuery query) {
        List<Long> matched = new ArrayList<>();
        for (JournalEntry entry : entries) {
            if (query.test(entry)) {
                matched.add(entry.seq());
            }
        }
        synchronized (this) {
            for (Long seq : matched) {
                if (isKept(seq)) {
                    verified.add(seq);
                }
            }
        }
        return matched.size();
    }

    /** Whether the entry {@code seq} is still kept: one dropped or cleared meanwhile must not linger in the set. */
    private boolean isKept(long seq) {
        return !entries.isEmpty() && seq >= entries.peekFirst().seq() && seq <= entries.peekLast().seq();
    }

    /**
     * What was expected and what was received: the entries that missed fewest conditions first (WireMock's "near
     * misses"), the newest first among equals, so the message the test most likely meant heads the list.
     */
    private JournalVerificationError failure(String expected, int matched, List<JournalEntry> all, JournalQuery query) {
        StringBuilder text = new StringBuilder("expected ").append(expected).append(", matched ").append(matched);
        if (all.isEmpty()) {
            text.append("; nothing was received");
        } else {
            text.append("; received ").append(all.size()).append(all.size() == 1 ? " message" : " messages")
                    .append(all.size() > SHOWN ? ", the " + SHOWN + " nearest" : "").append(", nearest first:");
            // Each entry's misses counted once: a path condition decodes the body, and a sort compares n log n times.
            List<Near> nearest = new ArrayList<>(all.size());
            for (JournalEntry entry : all) {
                nearest.add(new Near(entry, query.misses(entry)));
            }
            nearest.sort(Comparator.comparingInt(Near::misses)
                    .thenComparing(Comparator.comparingLong((Near near) -> near.entry().seq()).reversed()));
            for (Near near : nearest.subList(0, Math.min(SHOWN, nearest.size()))) {
                text.append("\n  ").append(near.entry())
                        .append(near.misses() == 0 ? "  (matches)" : "  (misses " + near.misses() + ")");
            }
        }
        long lost = dropped();
        if (lost > 0) {
            text.append("\n  (").append(lost).append(" older messages were dropped to stay within the journal's size)");
        }
        return new JournalVerificationError(text.toString());
    }

    /** An entry and how many of a query's conditions it misses. */
    private record Near(JournalEntry entry, int misses) {
    }

    @Override
    public synchronized String toString() {
        return "journal of " + entries.size() + " messages (" + bytes + " B), at most " + maxMessages + " and "
                + maxBytes + " B";
    }
}
