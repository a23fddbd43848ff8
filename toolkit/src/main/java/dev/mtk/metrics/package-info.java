/**
 * What a server counts while it serves, for people and for Prometheus: {@link dev.mtk.metrics.ServerMetrics}, and
 * the {@link dev.mtk.metrics.Refusal reasons} it closes a session for.
 *
 * <p>Counting costs a message a few uncontended adder increments; Micrometer's registry, which turns the counts into
 * Prometheus text, is made at the first scrape.
 */
package dev.mtk.metrics;
