package dev.mtk.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/TESTING.md quotes its examples from test classes the build runs; this keeps the quotes in step with them. */
class TestingDocTest {
    private static final Path DOC = Path.of("..", "docs", "TESTING.md");

    @ParameterizedTest
    @ValueSource(strings = {"OrderServiceExampleTest", "RegisteredServerExampleTest"})
    void theDocQuotesTheExampleAsItIsHere(String example) throws IOException {
        List<String> source = Files.readAllLines(Path.of("src/test/java/dev/mtk/junit5/" + example + ".java"),
                StandardCharsets.UTF_8);
        String quoted = String.join("\n", source.subList(source.indexOf("// docs:begin") + 1,
                source.indexOf("// docs:end")));

        assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).contains(quoted);
    }
}
