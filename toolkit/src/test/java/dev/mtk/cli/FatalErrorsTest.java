package dev.mtk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FatalErrorsTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<Integer> halts = new ArrayList<>();
    private final List<Throwable> passedOn = new ArrayList<>();
    private final FatalErrors handler = new FatalErrors(new PrintStream(err, true, StandardCharsets.UTF_8), halts::add,
            (thread, error) -> passedOn.add(error));
    private final Thread io = new Thread(() -> { }, "mtk-server-io-1");

    @Test
    void aThreadDeadOfOutOfMemoryHaltsTheJvmWithOneLine() {
        handler.uncaughtException(io, new OutOfMemoryError("Java heap space"));

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                "mtk: fatal: java.lang.OutOfMemoryError: Java heap space in thread mtk-server-io-1; exiting"
                        + System.lineSeparator());
        assertThat(halts).containsExactly(FatalErrors.EXIT_CODE);
    }

    @Test
    void aStackOverflowIsPassedOnNotFatal() {
        StackOverflowError overflow = new StackOverflowError();

        handler.uncaughtException(io, overflow);

        assertThat(halts).isEmpty();
        assertThat(passedOn).containsExactly(overflow);
    }

    @Test
    void anOrdinaryExceptionIsPassedOn() {
        IllegalStateException failure = new IllegalStateException("x");

        handler.uncaughtException(io, failure);

        assertThat(halts).isEmpty();
        assertThat(passedOn).containsExactly(failure);
    }
}
