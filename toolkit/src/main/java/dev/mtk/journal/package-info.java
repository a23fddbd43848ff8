/**
 * What a server received, kept for tests to read and verify: the {@link dev.mtk.journal.Journal}, its
 * {@link dev.mtk.journal.JournalEntry entries}, {@link dev.mtk.journal.JournalQuery queries} over them, and the
 * {@link dev.mtk.journal.JournalVerificationError} that says what was received instead of what was expected.
 *
 * <p>Recording costs the server one append per message under a short lock; nothing is decoded or copied until a test
 * asks.
 */
package dev.mtk.journal;
