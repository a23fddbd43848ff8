package dev.mtk.script;

/**
 * Hears how each {@code step('name') { ... }} of a scenario ended: a load run records it into the step's timing;
 * {@code mtk run} needs nothing of it. Called on the virtual user's thread, right after the step.
 */
public interface StepObserver {
    /** Hears nothing: a functional run. */
    StepObserver NONE = new StepObserver() {
        @Override
        public void passed(String step, long nanos) {
        }

        @Override
        public void failed(String step, Throwable failure) {
        }
    };

    /** The step's closure returned after {@code nanos}, its pauses left out. */
    void passed(String step, long nanos);

    /** The step's closure threw {@code failure}; the iteration ends with it. */
    void failed(String step, Throwable failure);
}
