package dev.mtk.bench;

import dev.mtk.payload.NamedPayload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.payload.JsonPayloadCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestSourceTest {
    private static final NamedPayload JSON = NamedPayload.of("json", new JsonPayloadCodec());
    private static final SplittableRandom RANDOM = new SplittableRandom(1);

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void aCompactJsonTemplateIsRenderedWithoutTheCodec() {
        RequestSource source = RequestSource.template("{\"id\":${seq}}", JSON);

        assertThat(source).isInstanceOfSatisfying(RequestSource.Templated.class, t -> assertThat(t.verbatim()).isTrue());
        assertThat(text(source.body(12, 1, RANDOM))).isEqualTo("{\"id\":12}");
    }

    @Test
    void aTemplateTheCodecRewritesGoesThroughTheCodecForEveryBody() {
        RequestSource source = RequestSource.template("{ \"id\" : ${seq} }", JSON);

        assertThat(source).isInstanceOfSatisfying(RequestSource.Templated.class, t -> assertThat(t.verbatim()).isFalse());
        assertThat(text(source.body(12, 1, RANDOM))).isEqualTo("{\"id\":12}");
    }

    @Test
    void aTemplateWhoseChoiceIsNotValidJsonIsRefusedBeforeTheRun() {
        assertThatThrownBy(() -> RequestSource.template("{\"op\":${pick:\"get\",set}}", JSON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--body (rendered as {\"op\":set}) is not valid json: ");
    }

    @Test
    void aBodyWithoutPlaceholdersIsEncodedOnce() {
        RequestSource source = RequestSource.template("{\"op\": \"get\"}", JSON);

        assertThat(source.fixed()).isTrue();
        assertThat(source.body(1, 1, RANDOM)).isSameAs(source.body(2, 2, RANDOM));
        assertThat(text(source.body(1, 1, RANDOM))).isEqualTo("{\"op\":\"get\"}");
    }

    @Test
    void linesAreHandedOutInTurnSkippingBlankOnes(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("b.jsonl"), "{\"n\":1}\n\n  \n{\"n\":2}\n");
        RequestSource source = RequestSource.lines(file, JSON);

        assertThat(java.util.stream.IntStream.range(0, 5).mapToObj(i -> text(source.body(i, 1, RANDOM))))
                .containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":1}", "{\"n\":2}", "{\"n\":1}");
    }

    @Test
    void aBadLineIsNamedByFileAndLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("b.jsonl"), "{\"n\":1}\n\n{\"n\":\n");

        assertThatThrownBy(() -> RequestSource.lines(file, JSON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ":3: not valid json: ");
    }

    @Test
    void aMissingFileIsOneLine(@TempDir Path dir) {
        Path file = dir.resolve("none.jsonl");

        assertThatThrownBy(() -> RequestSource.lines(file, JSON)).hasMessage("--bodies " + file + ": no such file");
    }

    @Test
    void aFileWithoutBodiesIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("b.jsonl"), "\n\n");

        assertThatThrownBy(() -> RequestSource.lines(file, JSON))
                .hasMessage("--bodies " + file + ": no body in it (one per line)");
    }
}
