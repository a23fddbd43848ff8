package dev.mtk.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.journal.JournalQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** README's "Use it from your tests" example, run; README quotes the lines between the markers. */
class ReadmeExampleTest {
    private static final Path README = Path.of("..", "README.md");

    @Test
    void theReadmeExampleRuns() throws Exception {
        // README:begin
        try (MtkServer server = MtkServer.builder().profile("reply")
                .handler((session, message) -> session.reply(Map.of("ok", true)))
                .start();
             MtkClient client = MtkClient.builder().port(server.port()).profile("reply").connect()) {

            client.request(Map.of("op", "put", "key", "a"));     // your code under test, talking to server.port()

            server.journal().verify(1, JournalQuery.all().path("$.op", "put"));

            server.replaceBehaviour("onMessage { reply([ok: false, error: 'full']) }", "full.groovy");
            assertThat(client.request(Map.of("op", "put")).value()).isEqualTo(Map.of("ok", false, "error", "full"));

            server.reset();                                       // between tests: journal and shared state
        }
        // README:end
    }

    @Test
    void readmeQuotesTheExampleAsItIsHere() throws IOException {
        List<String> source = Files.readAllLines(Path.of("src/test/java/dev/mtk/embed/ReadmeExampleTest.java"),
                StandardCharsets.UTF_8);
        List<String> example = source.subList(source.indexOf("        // README:begin") + 1,
                source.indexOf("        // README:end")).stream()
                .map(line -> line.length() >= 8 ? line.substring(8) : line).toList();

        assertThat(Files.readString(README, StandardCharsets.UTF_8)).contains(String.join("\n", example));
    }
}
