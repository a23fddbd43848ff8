package dev.mtk.testing;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * A small property-test runner: many cases generated from a fixed seed (so every run checks the same ones, and a
 * failure is reproducible), and a failing case shrunk, greedily, to a smallest one that still fails.
 *
 * @param <T> a generated case
 */
public final class SeededCases<T> {
    /** A check of one case: throws (an assertion error, an exception) when the case fails. */
    public interface Check<T> {
        void accept(T value) throws Exception;
    }

    private final long seed;
    private final int count;
    private final Function<Random, T> generate;
    private final Function<T, List<T>> shrink;

    /**
     * @param seed     the seed of the first case; case {@code i} comes from {@code seed + i}
     * @param count    how many cases
     * @param generate a case from a random source
     * @param shrink   smaller variants of a case, most promising first
     */
    public SeededCases(long seed, int count, Function<Random, T> generate, Function<T, List<T>> shrink) {
        this.seed = seed;
        this.count = count;
        this.generate = generate;
        this.shrink = shrink;
    }

    /** Runs every case; on the first failure, shrinks it and fails with the seed, the smallest case and its failure. */
    public void check(Check<T> check) {
        for (int i = 0; i < count; i++) {
            T value = generate.apply(new Random(seed + i));
            Throwable failure = failure(check, value);
            if (failure != null) {
                T smallest = value;
                Throwable smallestFailure = failure;
                boolean shrunk = true;
                while (shrunk) {
                    shrunk = false;
                    for (T candidate : shrink.apply(smallest)) {
                        Throwable candidateFailure = failure(check, candidate);
                        if (candidateFailure != null) {
                            smallest = candidate;
                            smallestFailure = candidateFailure;
                            shrunk = true;
                            break;
                        }
                    }
                }
                AssertionError error = new AssertionError("case " + i + " (seed " + (seed + i) + ") fails; shrunk to "
                        + smallest + ": " + smallestFailure.getMessage() + "\n  originally " + value);
                error.initCause(smallestFailure);
                throw error;
            }
        }
    }

    private static <T> Throwable failure(Check<T> check, T value) {
        try {
            check.accept(value);
            return null;
        } catch (Exception | AssertionError e) {
            return e;
        }
    }
}
