package dev.mtk.replay;

/**
 * Keeps a replay to the recording's timing: {@code speed} 1.0 waits as long as the recording did, 2.0 half as long,
 * 0 not at all (as fast as possible).
 */
final class Pacing {
    private final double speed;
    private long startNanos;

    /** @throws IllegalArgumentException for a negative or not finite speed */
    Pacing(double speed) {
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be 0 (as fast as possible) or a positive number: " + speed);
        }
        this.speed = speed;
    }

    /** Time zero is now. */
    void start() {
        startNanos = System.nanoTime();
    }

    /** Waits until {@code ms} recorded milliseconds after time zero, at this speed. */
    void waitFor(double ms) throws InterruptedException {
        long wait = delayNanos(ms, System.nanoTime() - startNanos);
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** How long after {@code elapsedNanos} an event recorded {@code ms} after time zero is due; 0 when it is. */
    long delayNanos(double ms, long elapsedNanos) {
        if (speed == 0) {
            return 0;
        }
        return Math.max(0, (long) (ms * 1_000_000 / speed) - elapsedNanos);
    }

    double speed() {
        return speed;
    }
}
