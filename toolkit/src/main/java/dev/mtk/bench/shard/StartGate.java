package dev.mtk.bench.shard;

/**
 * What a load run waits for once its connections are open (or its users are ready) and before it warms up and
 * measures: {@code --start-at} on every shard. Connecting first means a slow connect costs a shard nothing of the
 * common window. The command line's gate counts down on a terminal and warns when the start has already passed.
 */
@FunctionalInterface
public interface StartGate {
    /** Starts at once. */
    StartGate OPEN = () -> { };

    /** Returns when the run may start; early when the run is being stopped. */
    void await() throws InterruptedException;
}
