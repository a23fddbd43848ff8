/**
 * What a load run measured, in a form that merges exactly: a {@link dev.mtk.bench.result.Timing} per thing timed
 * (a request, a scenario's step, its whole iteration) holding its HdrHistogram, written into {@code --json} in
 * HdrHistogram's compressed encoding so that the results of several runs or shards add up to the histogram one run
 * would have recorded, rather than to an average of percentiles.
 */
package dev.mtk.bench.result;
