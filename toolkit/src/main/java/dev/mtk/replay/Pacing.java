package dev.mtk.replay;

/**
 * Keeps a replay to the recording's timing: {@code speed} 1.0 waits as long as the recording did, 2.0 half as long,
 * 0 not at all (as fast as possible).
 */
final class Pacing {
    private final double speed;
    private long startNanos;
    /** The recorded time that is time zero: the recording's first event. */
    private double originMs;

    /** @throws IllegalArgumentException for a negative or not finite speed */
    Pacing(double speed) {
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be 0 (as fast as possible) or a positive number: " + speed);
        }
        this.speed = speed;
    }

    /**
     * Time zero is now, and it stands for {@code originMs} of the recording: its first event, so that the time a
     * proxy idled before its first client (hours, perhaps) is not waited out again.
     */
    void start(double originMs) {
        this.originMs = originMs;
        startNanos = System.nanoTime();
    }

    /** Waits until {@code ms} recorded milliseconds (on the recording's clock) are due, at this speed. */
    void waitFor(double ms) throws InterruptedException {
        long wait = delayNanos(ms, System.nanoTime() - startNanos);
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** How long after {@code elapsedNanos} an event recorded at {@code ms} (the recording's clock) is due; 0 when it is. */
    long delayNanos(double ms, long elapsedNanos) {
        if (speed == 0) {
            return 0;
        }
        return Math.max(0, (long) ((ms - originMs) * 1_000_000 / speed) - elapsedNanos);
    }

    double speed() {
        return speed;
    }
}
