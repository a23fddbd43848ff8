package dev.mtk.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPathTest {

    private static boolean covers(String pattern, Object... path) {
        return JsonPath.parse(pattern).covers(List.of(path));
    }

    @Test
    void aMemberPathCoversThatMemberAndWhatIsInsideIt() {
        assertThat(covers("$.time", "time")).isTrue();
        assertThat(covers("$.time", "time", "nanos")).isTrue();
        assertThat(covers("$.time", "timestamp")).isFalse();
        assertThat(covers("$.a.b", "a")).isFalse();
    }

    @Test
    void indexesWildcardsAndQuotedNames() {
        assertThat(covers("$.items[1].id", "items", 1, "id")).isTrue();
        assertThat(covers("$.items[1].id", "items", 0, "id")).isFalse();
        assertThat(covers("$.items[*].id", "items", 7, "id")).isTrue();
        assertThat(covers("$.*.id", "anything", "id")).isTrue();
        assertThat(covers("$['a key']", "a key")).isTrue();
    }

    @Test
    void twoDotsMatchAtAnyDepth() {
        assertThat(covers("$..ts", "ts")).isTrue();
        assertThat(covers("$..ts", "a", 3, "b", "ts")).isTrue();
        assertThat(covers("$..ts", "a", "tsx")).isFalse();
    }

    @Test
    void aPathWithoutTheDollarStartsAtTheRoot() {
        assertThat(covers("time", "time")).isTrue();
    }

    @Test
    void aMalformedPathSaysWhereAndShowsExamples() {
        assertThatThrownBy(() -> JsonPath.parse("$.a[x]")).hasMessage(
                "invalid JSON path '$.a[x]': expected an index, * or a quoted name in [x] (examples: $.time, $.items[*].id, $..timestamp)");
    }

    @Test
    void selectFindsTheValueThePathNames() {
        Object root = java.util.Map.of("a", java.util.Map.of("b", java.util.List.of(1, 2)), "id", 7);

        assertThat(JsonPath.parse("$.a.b[1]").select(root)).isEqualTo(2);
        assertThat(JsonPath.parse("$.id").select(root)).isEqualTo(7);
        assertThat(JsonPath.parse("$..b").select(root)).isEqualTo(java.util.List.of(1, 2));
        assertThat(JsonPath.parse("$.a.c").select(root)).isNull();
        assertThat(JsonPath.parse("$.id.x").select(root)).isNull();
    }

    @Test
    void aDefinitePathGivesItsSteps() {
        assertThat(JsonPath.parse("$.header['seq no'][0]").steps()).containsExactly("header", "seq no", 0);
        assertThat(JsonPath.parse("$.a[*]").definite()).isFalse();
    }
}
