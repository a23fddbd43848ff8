/**
 * One load run as one of N cooperating generators ({@code --shard I/N}): which share of the users, the rate, the
 * connections and the feeder rows is this generator's, so that N processes on N machines make the load one would.
 */
package dev.mtk.bench.shard;
