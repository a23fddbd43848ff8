/**
 * Per-user data for load runs: a {@link dev.mtk.bench.feed.Feeder} reads a CSV or JSON-lines file once and gives each
 * virtual user its own row, and each shard of a sharded run its own rows, so that no two users anywhere log in as the
 * same account.
 */
package dev.mtk.bench.feed;
