/**
 * The load generator behind {@code mtk bench}: many connections over MINA's non-blocking connector, each a small
 * state machine that keeps a window of requests in flight, with latencies recorded in HdrHistogram (measured from
 * the intended send time when a rate is set, so that a stalled server is not flattered: coordinated omission).
 */
package dev.mtk.bench;
