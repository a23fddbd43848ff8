package dev.mtk.bench.shard;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generator {@code index} of {@code count} ({@code --shard I/N}, I from 0, as a Kubernetes Indexed Job's
 * {@code JOB_COMPLETION_INDEX}). Whole things (users, connections, rows) are dealt out so that the shares add up to
 * the total exactly: shard {@code i} gets {@code total / N}, plus one while {@code i < total % N}.
 */
public final class Shard {
    /** The whole load: one generator. */
    public static final Shard WHOLE = new Shard(0, 1);

    private static final Pattern FORM = Pattern.compile("(\\d{1,6})/(\\d{1,6})");

    private final int index;
    private final int count;

    private Shard(int index, int count) {
        this.index = index;
        this.count = count;
    }

    /**
     * Shard {@code index} of {@code count}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= index < count}
     */
    public static Shard of(int index, int count) {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("a shard is I/N with 0 <= I < N, not " + index + "/" + count);
        }
        return new Shard(index, count);
    }

    /**
     * {@code I/N} as typed.
     *
     * @throws IllegalArgumentException naming the text, when it is not {@code I/N} with {@code 0 <= I < N}
     */
    public static Shard parse(String text) {
        Matcher matcher = FORM.matcher(text == null ? "" : text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("--shard must be I/N (this generator's index from 0, of N), not '"
                    + text + "'");
        }
        int index = Integer.parseInt(matcher.group(1));
        int count = Integer.parseInt(matcher.group(2));
        if (count < 1 || index >= count) {
            throw new IllegalArgumentException("--shard " + text + ": the index must be 0 to " + (count - 1)
                    + " (0 <= I < N)");
        }
        return new Shard(index, count);
    }

    public int index() {
        return index;
    }

    public int count() {
        return count;
    }

    public boolean whole() {
        return count == 1;
    }

    /** This shard's share of {@code total} whole things: the shares of all N add up to {@code total}. */
    public long share(long total) {
        return total / count + (index < total % count ? 1 : 0);
    }

    /**
     * This shard's share of {@code total} {@code things}, refused when it is none: a shard that runs nothing would
     * only exit 1, unexplained.
     *
     * @throws IllegalArgumentException {@code --shard 2/3 gets none of the 2 users: shared by 3 shards, it needs
     *         --users 3 or more}
     */
    public long requireShare(long total, String things, String option) {
        long share = share(total);
        if (total >= 1 && share == 0) {
            throw new IllegalArgumentException("--shard " + this + " gets none of the " + total + " " + things
                    + ": shared by " + count + " shards, it needs " + option + " " + count + " or more");
        }
        return share;
    }

    /** This shard's share of a rate: {@code rate / N}. */
    public double share(double rate) {
        return rate / count;
    }

    /** The first of the {@code total} things that are this shard's: shards take consecutive blocks in index order. */
    public long first(long total) {
        return index * (total / count) + Math.min(index, total % count);
    }

    /** Whether item {@code i} (of a feeder's rows, say) is this shard's, dealt round-robin: {@code i % N == I}. */
    public boolean owns(long i) {
        return i % count == index;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shard shard && shard.index == index && shard.count == count;
    }

    @Override
    public int hashCode() {
        return index * 31 + count;
    }

    /** {@code I/N}. */
    @Override
    public String toString() {
        return index + "/" + count;
    }
}
