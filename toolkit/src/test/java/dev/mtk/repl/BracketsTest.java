package dev.mtk.repl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BracketsTest {

    @Test
    void balancedJsonIsComplete() {
        assertThat(Brackets.open("send {\"a\": [1, 2], \"b\": {}}")).isZero();
    }

    @Test
    void eachUnclosedBracketCounts() {
        assertThat(Brackets.open("send {\"a\": [1,")).isEqualTo(2);
        assertThat(Brackets.open("send {\"a\": [1,\n 2]")).isEqualTo(1);
    }

    @Test
    void bracketsInsideStringsDoNotCount() {
        assertThat(Brackets.open("send {\"text\": \"{[(\"}")).isZero();
    }

    @Test
    void anEscapedQuoteDoesNotEndTheString() {
        assertThat(Brackets.open("send {\"text\": \"say \\\"{\\\"\"}")).isZero();
    }

    @Test
    void aSingleQuoteIsAWordInJsonOrTextButAStringInGroovy() {
        assertThat(Brackets.open("send it's {")).isEqualTo(1);
        assertThat(Brackets.open("= println 'a {'")).isZero();
        assertThat(Brackets.open("= [1, 2].each {")).isEqualTo(1);
    }

    @Test
    void aClosingBracketTooManyNeverMakesItWait() {
        assertThat(Brackets.open("send }} {")).isEqualTo(1);
        assertThat(Brackets.open("send ]")).isZero();
    }
}
