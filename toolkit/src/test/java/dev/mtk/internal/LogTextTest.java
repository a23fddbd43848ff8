package dev.mtk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void textWithinTheLimitIsLoggedWhole() {
        assertThat(LogText.cut("x".repeat(LogText.LIMIT))).isEqualTo("x".repeat(LogText.LIMIT));
    }

    @Test
    void aMebibyteBodyIsCutToOneKibibyteAndSaysHowMuchMoreThereWas() {
        String line = LogText.cut("y".repeat(1024 * 1024));

        assertThat(line).isEqualTo("y".repeat(1024) + " ... (" + (1024 * 1024 - 1024) + " B more)");
    }

    @Test
    void whatWasLeftOutIsCountedInUtf8Bytes() {
        assertThat(LogText.cut("ab我收", 2)).isEqualTo("ab ... (6 B more)");
    }

    @Test
    void aSurrogatePairIsNeverCutInHalf() {
        assertThat(LogText.cut("a\uD83D\uDE00b", 2)).isEqualTo("a ... (5 B more)");
    }

    @Test
    void aLimitBelowOneIsRefusedNamingIt() {
        assertThatThrownBy(() -> LogText.cut("x", 0)).hasMessage("limit must be a positive number of characters: 0");
    }

    @Test
    void escapesControlCharactersButKeepsLineFeeds() {
        assertThat(LogText.cut("Headers\u0000\u0000\u0000\u000e\"\t\r\u001b[31m\u007f\nnext"))
                .isEqualTo("Headers\\x00\\x00\\x00\\x0e\"\\t\\r\\x1b[31m\\x7f\nnext");
    }
}
