package dev.mtk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BodyTemplateTest {
    private static final SplittableRandom RANDOM = new SplittableRandom(1);

    @Test
    void theSequenceAndTheConnectionGoInWhereTheyStand() {
        BodyTemplate template = BodyTemplate.parse("{\"id\":${seq},\"c\":${conn}}");

        assertThat(template.render(42, 3, RANDOM)).isEqualTo("{\"id\":42,\"c\":3}");
        assertThat(template.fixed()).isFalse();
    }

    @Test
    void aRandomNumberStaysWithinItsRangeBothEndsIncluded() {
        BodyTemplate template = BodyTemplate.parse("${random:1..3}");

        assertThat(IntStream.range(0, 200).mapToObj(i -> template.render(i, 1, RANDOM)))
                .containsOnly("1", "2", "3").contains("1", "3");
    }

    @Test
    void aPickTakesOnlyTheListedChoices() {
        BodyTemplate template = BodyTemplate.parse("\"${pick:get,set,del}\"");

        assertThat(IntStream.range(0, 200).mapToObj(i -> template.render(i, 1, RANDOM)))
                .containsOnly("\"get\"", "\"set\"", "\"del\"");
    }

    @Test
    void aDoubledDollarIsALiteralPlaceholderOpening() {
        BodyTemplate template = BodyTemplate.parse("\"$${seq} is ${seq}\"");

        assertThat(template.render(7, 1, RANDOM)).isEqualTo("\"${seq} is 7\"");
    }

    @Test
    void textWithoutPlaceholdersIsFixed() {
        assertThat(BodyTemplate.parse("{\"op\":\"get\"}").fixed()).isTrue();
    }

    @Test
    void samplesTryEveryChoiceAndBothEndsOfEveryNumber() {
        BodyTemplate template = BodyTemplate.parse("${pick:a,b,c}/${random:5..9}");

        assertThat(template.samples()).containsExactly("a/5", "a/9", "b/5", "c/5");
    }

    @Test
    void anUnknownPlaceholderIsNamedWithItsColumnAndTheKnownOnes() {
        assertThatThrownBy(() -> BodyTemplate.parse("{\"id\":${sequence}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--body: ${sequence} at column 7: unknown placeholder (known: ${seq}, ${conn}, "
                        + "${random:MIN..MAX}, ${pick:A,B,...}; $${ for a literal ${)");
    }

    @Test
    void anUnclosedPlaceholderIsRefused() {
        assertThatThrownBy(() -> BodyTemplate.parse("{\"id\":${seq"))
                .hasMessage("--body: ${ at column 7 is never closed with }");
    }

    @Test
    void aRangeMustBeTwoWholeNumbersInOrder() {
        assertThatThrownBy(() -> BodyTemplate.parse("${random:9..1}"))
                .hasMessage("--body: ${random:9..1} at column 1: MIN 9 is greater than MAX 1");
        assertThatThrownBy(() -> BodyTemplate.parse("${random:1-9}"))
                .hasMessage("--body: ${random:1-9} at column 1: expected ${random:MIN..MAX}, e.g. ${random:1..100}");
        assertThatThrownBy(() -> BodyTemplate.parse("${random:a..9}"))
                .hasMessage("--body: ${random:a..9} at column 1: 'a' is not a whole number");
    }

    @Test
    void aPickNeedsChoicesThatAreNotEmpty() {
        assertThatThrownBy(() -> BodyTemplate.parse("${pick:a,,b}"))
                .hasMessageStartingWith("--body: ${pick:a,,b} at column 1: expected ${pick:A,B,...} with no empty choice");
    }

    @Test
    void theSequenceTakesNoArgument() {
        assertThatThrownBy(() -> BodyTemplate.parse("${seq:5}"))
                .hasMessage("--body: ${seq:5} at column 1: ${seq} takes nothing after it");
    }
}
