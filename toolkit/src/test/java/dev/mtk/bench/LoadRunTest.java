package dev.mtk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadRunTest {
    @Test
    void onlyTheFirstFailureOfAKindIsRenderedAsItsExample() {
        LoadRun run = new LoadRun(1, 0);
        AtomicInteger rendered = new AtomicInteger();

        for (int i = 0; i < 3; i++) {
            run.failed(ErrorKind.FAILED_CHECK, 1, () -> "reply " + rendered.incrementAndGet());
        }

        assertThat(rendered).hasValue(1);
        assertThat(run.examples()).containsEntry(ErrorKind.FAILED_CHECK.label(), "reply 1");
        assertThat(run.errors()).containsEntry(ErrorKind.FAILED_CHECK.label(), 3L);
    }
}
