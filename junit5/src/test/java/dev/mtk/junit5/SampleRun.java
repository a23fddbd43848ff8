package dev.mtk.junit5;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.mtk.embed.MtkClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * One run of a sample test class through the Jupiter engine, in this JVM, and what it said: samples publish what the
 * tests check ({@code port}, {@code journal}) with {@code TestReporter}, and fail on purpose where a test checks the
 * failure.
 */
final class SampleRun {
    private final EngineExecutionResults results;

    private SampleRun(EngineExecutionResults results) {
        this.results = results;
    }

    static SampleRun of(Class<?> sample) {
        return new SampleRun(EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute());
    }

    /** The test events: started, succeeded, failed. */
    Events tests() {
        return results.testEvents();
    }

    /** The values published under {@code key}, in the order the tests published them. */
    List<String> reported(String key) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get(key))
                .filter(value -> value != null).toList();
    }

    /** The message each failed test or container failed with. */
    List<String> failures() {
        return results.allEvents().failed().stream().map(SampleRun::message).toList();
    }

    private static String message(Event event) {
        Optional<Throwable> thrown = event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable();
        return thrown.map(Throwable::getMessage).orElse("");
    }

    /** What the code under test would do: connect to {@code port} and make one request of {@code value}. */
    static void request(int port, Map<String, ?> value) {
        try (MtkClient client = MtkClient.builder().port(port).profile("reply").connect()) {
            client.request(value);
        }
    }
}
