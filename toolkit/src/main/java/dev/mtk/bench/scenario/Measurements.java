package dev.mtk.bench.scenario;

import dev.mtk.bench.result.Timing;
import dev.mtk.script.FailureKind;
import dev.mtk.script.ScenarioScript;
import dev.mtk.script.StepObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The timings of one load run: one per step, in the order steps were first seen, then the iteration's. Users record
 * into it from their threads at once.
 */
final class Measurements implements StepObserver {
    private final Map<String, TimingRecorder> steps = new ConcurrentHashMap<>();
    private final List<TimingRecorder> order = new ArrayList<>();
    private final TimingRecorder iteration = new TimingRecorder(ScenarioScript.ITERATION);
    private final Function<Throwable, String> describe;

    /** @param describe a failure on one line, with the script's file and line */
    Measurements(Function<Throwable, String> describe) {
        this.describe = describe;
    }

    @Override
    public void passed(String step, long nanos) {
        recorder(step).passed(nanos);
    }

    @Override
    public void failed(String step, Throwable failure) {
        recorder(step).failed(FailureKind.of(failure).label(), () -> describe.apply(failure));
    }

    void iterationPassed(long nanos) {
        iteration.passed(nanos);
    }

    void iterationFailed(Throwable failure) {
        iteration.failed(FailureKind.of(failure).label(), () -> describe.apply(failure));
    }

    /** Failed iterations so far: a failed step fails its iteration, so these are all the failures. */
    long errors() {
        return iteration.errorCount();
    }

    private TimingRecorder recorder(String step) {
        TimingRecorder found = steps.get(step);
        if (found != null) {
            return found;
        }
        synchronized (order) {
            return steps.computeIfAbsent(step, name -> {
                TimingRecorder made = new TimingRecorder(name);
                order.add(made);
                return made;
            });
        }
    }

    /** The recorders, steps first-seen first, the iteration last. */
    List<TimingRecorder> recorders() {
        List<TimingRecorder> all;
        synchronized (order) {
            all = new ArrayList<>(order);
        }
        all.add(iteration);
        return all;
    }

    List<Timing> timings() {
        return recorders().stream().map(TimingRecorder::timing).toList();
    }
}
