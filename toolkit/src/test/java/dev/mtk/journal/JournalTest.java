package dev.mtk.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class JournalTest {

    private static void record(Journal journal, long session, String json) {
        journal.record(session, "127.0.0.1:" + (50000 + session), JsonReceived.of(json));
    }

    @Test
    void entriesAreKeptInOrderNumberedFromOne() {
        Journal journal = Journal.withDefaults();
        record(journal, 1, "{\"op\":\"get\"}");
        record(journal, 2, "{\"op\":\"put\"}");

        List<JournalEntry> entries = journal.received();

        assertThat(entries).extracting(JournalEntry::seq).containsExactly(1L, 2L);
        assertThat(entries).extracting(JournalEntry::session).containsExactly(1L, 2L);
        assertThat(entries.get(1).value()).isEqualTo(java.util.Map.of("op", "put"));
        assertThat(entries.get(1).peer()).isEqualTo("127.0.0.1:50002");
        assertThat(journal.lastSeq()).isEqualTo(2);
    }

    @Test
    void theOldestGoPastTheMessageLimitAndAreCounted() {
        Journal journal = Journal.bounded(3, Journal.DEFAULT_MAX_BYTES);
        for (int i = 1; i <= 5; i++) {
            record(journal, 1, "{\"n\":" + i + "}");
        }

        assertThat(journal.received()).extracting(JournalEntry::seq).containsExactly(3L, 4L, 5L);
        assertThat(journal.dropped()).isEqualTo(2);
    }

    @Test
    void theOldestGoPastTheByteBudget() {
        Journal journal = Journal.bounded(100, 20);
        record(journal, 1, "{\"n\":\"aaaa\"}");
        record(journal, 1, "{\"n\":\"bbbb\"}");

        assertThat(journal.received()).extracting(JournalEntry::seq).containsExactly(2L);
        assertThat(journal.dropped()).isEqualTo(1);
    }

    @Test
    void theNewestIsKeptEvenWhenItAloneIsOverTheByteBudget() {
        Journal journal = Journal.bounded(100, 4);
        record(journal, 1, "{\"big\":\"larger than four bytes\"}");

        assertThat(journal.received()).hasSize(1);
    }

    @Test
    void sizeCountsTheEntriesKept() {
        Journal journal = Journal.bounded(2, Journal.DEFAULT_MAX_BYTES);
        for (int i = 1; i <= 3; i++) {
            record(journal, 1, "{\"n\":" + i + "}");
        }

        assertThat(journal.size()).isEqualTo(2);
    }

    @Test
    void aJournalOfNoMessagesRecordsNothing() {
        Journal journal = Journal.bounded(0, 1);
        record(journal, 1, "{}");

        assertThat(journal.received()).isEmpty();
        assertThat(journal.lastSeq()).isZero();
    }

    @Test
    void clearForgetsEntriesButSeqGoesOn() {
        Journal journal = Journal.bounded(1, Journal.DEFAULT_MAX_BYTES);
        record(journal, 1, "{}");
        record(journal, 1, "{}");
        journal.clear();
        record(journal, 1, "{}");

        assertThat(journal.received()).extracting(JournalEntry::seq).containsExactly(3L);
        assertThat(journal.dropped()).isZero();
    }

    @Test
    void bodyIsACopy() {
        Journal journal = Journal.withDefaults();
        record(journal, 1, "{}");
        JournalEntry entry = journal.received().get(0);

        entry.body()[0] = 'X';

        assertThat(entry.body()[0]).isEqualTo((byte) '{');
    }

    @Test
    void aQueryFiltersBySession() {
        Journal journal = Journal.withDefaults();
        record(journal, 1, "{\"n\":1}");
        record(journal, 2, "{\"n\":2}");
        record(journal, 1, "{\"n\":3}");

        assertThat(journal.received(JournalQuery.all().session(1))).extracting(JournalEntry::seq)
                .containsExactly(1L, 3L);
    }

    @Test
    void aQueryFiltersByAJsonPathValueComparingNumbersByValue() {
        Journal journal = Journal.withDefaults();
        record(journal, 1, "{\"op\":\"put\",\"n\":1}");
        record(journal, 1, "{\"op\":\"get\",\"n\":1.0}");
        record(journal, 1, "not json");

        assertThat(journal.count(JournalQuery.all().path("$.op", "put"))).isEqualTo(1);
        assertThat(journal.count(JournalQuery.all().path("$.n", 1L))).isEqualTo(2);
    }

    @Test
    void aQueryFiltersByAPredicateAndAThrowingPredicateMatchesNothing() {
        Journal journal = Journal.withDefaults();
        record(journal, 1, "{\"n\":1}");
        record(journal, 1, "{\"n\":20}");

        assertThat(journal.count(JournalQuery.all().matching(entry -> entry.body().length > 7))).isEqualTo(1);
        assertThat(journal.count(JournalQuery.all().matching(entry -> {
            throw new IllegalStateException("broken test code");
        }))).isZero();
    }

    @Test
    void sinceKeepsOnlyLaterEntries() {
        Journal journal = Journal.withDefaults();
        record(journal, 1, "{}");
        long seen = journal.lastSeq();
        record(journal, 1, "{}");

        assertThat(journal.received(JournalQuery.all().since(seen))).extracting(JournalEntry::seq)
                .containsExactly(2L);
    }

    @Test
    void verifyPassesWhenTheCountMatches() {
        Journal journal = Journal.withDefaults();
        record(journal, 1, "{\"op\":\"put\"}");
        record(journal, 1, "{\"op\":\"put\"}");

        journal.verify(JournalQuery.all().path("$.op", "put"));
        journal.verify(2, JournalQuery.all().path("$.op", "put"));
    }

    @Test
    void aFailedVerificationListsWhatWasReceivedNearestFirst() {
        Journal journal = Journal.withDefaults();
        record(journal, 2, "{\"op\":\"put\",\"key\":\"a\"}");
        record(journal, 1, "{\"op\":\"get\",\"key\":\"b\"}");
        record(journal, 1, "{\"op\":\"put\",\"key\":\"b\"}");

        assertThatThrownBy(() -> journal.verify(JournalQuery.all().session(2).path("$.op", "put").path("$.key", "b")))
                .isInstanceOf(JournalVerificationError.class)
                .hasMessage("expected at least one of messages with session 2, $.op = put, $.key = b, matched 0;"
                        + " received 3 messages, nearest first:\n"
                        + "  #3 session 1 127.0.0.1:50001 {\"op\":\"put\",\"key\":\"b\"}  (misses 1)\n"
                        + "  #1 session 2 127.0.0.1:50002 {\"op\":\"put\",\"key\":\"a\"}  (misses 1)\n"
                        + "  #2 session 1 127.0.0.1:50001 {\"op\":\"get\",\"key\":\"b\"}  (misses 2)");
    }

    @Test
    void aFailedCountSaysHowManyMatched() {
        Journal journal = Journal.withDefaults();
        record(journal, 1, "{\"op\":\"put\"}");

        assertThatThrownBy(() -> journal.verify(2, JournalQuery.all().path("$.op", "put")))
                .isInstanceOf(JournalVerificationError.class)
                .hasMessageStartingWith("expected 2 of messages with $.op = put, matched 1; received 1 message")
                .hasMessageContaining("#1 session 1 127.0.0.1:50001 {\"op\":\"put\"}  (matches)");
    }

    @Test
    void aFailedVerificationOnAnEmptyJournalSaysNothingWasReceived() {
        assertThatThrownBy(() -> Journal.withDefaults().verify(JournalQuery.all()))
                .hasMessage("expected at least one of any message, matched 0; nothing was received");
    }

    @Test
    void entriesNoVerifyMatchedAreUnverified() {
        Journal journal = Journal.withDefaults();
        record(journal, 1, "{\"op\":\"put\"}");
        record(journal, 1, "{\"op\":\"get\"}");

        journal.verify(JournalQuery.all().path("$.op", "put"));

        assertThat(journal.unverified()).extracting(JournalEntry::seq).containsExactly(2L);
    }

    @Test
    void verifyNoUnexpectedMessagesListsTheUnverified() {
        Journal journal = Journal.withDefaults();
        record(journal, 1, "{\"op\":\"put\"}");
        record(journal, 1, "{\"op\":\"get\"}");
        record(journal, 1, "{\"op\":\"del\"}");
        journal.verify(1, JournalQuery.all().path("$.op", "put"));

        assertThatThrownBy(journal::verifyNoUnexpectedMessages)
                .isInstanceOf(JournalVerificationError.class)
                .hasMessage("expected no messages but those verified; 2 messages were not verified:\n"
                        + "  #2 session 1 127.0.0.1:50001 {\"op\":\"get\"}\n"
                        + "  #3 session 1 127.0.0.1:50001 {\"op\":\"del\"}");
    }

    @Test
    void verifyNoUnexpectedMessagesPassesWhenEveryMessageWasVerified() {
        Journal journal = Journal.withDefaults();
        record(journal, 1, "{\"op\":\"put\"}");
        journal.verify(JournalQuery.all());

        journal.verifyNoUnexpectedMessages();
    }

    @Test
    void clearForgetsWhatWasVerified() {
        Journal journal = Journal.withDefaults();
        record(journal, 1, "{}");
        journal.verify(JournalQuery.all());
        journal.clear();
        record(journal, 1, "{}");

        assertThat(journal.unverified()).extracting(JournalEntry::seq).containsExactly(2L);
    }

    @Test
    void concurrentAppendsAreAllKeptWithDistinctSeqs() throws Exception {
        Journal journal = Journal.withDefaults();
        int threads = 4;
        int each = 1_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long session = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        record(journal, session, "{}");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<JournalEntry> entries = journal.received();
        Set<Long> seqs = new HashSet<>();
        entries.forEach(entry -> seqs.add(entry.seq()));
        assertThat(entries).hasSize(threads * each);
        assertThat(seqs).hasSize(threads * each);
        assertThat(entries).extracting(JournalEntry::seq).isSorted();
    }
}
