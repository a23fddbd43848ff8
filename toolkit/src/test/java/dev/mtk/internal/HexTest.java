package dev.mtk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HexTest {

    @Test
    void spacedShowsAtMostTheLimitThenAnEllipsis() {
        byte[] bytes = {0x48, 0x65, 0x61, 0x64};

        assertThat(Hex.spaced(bytes, 4)).isEqualTo("48 65 61 64");
        assertThat(Hex.spaced(bytes, 2)).isEqualTo("48 65 ...");
    }

    @Test
    void dumpOfAShortLinePadsTheHexColumnToAFullLine() {
        // 14 missing bytes of 3 columns, the gap after the eighth byte, then the two spaces before the text

        assertThat(Hex.dump(new byte[] {'o', 'k'})).isEqualTo(
                "00000000  6f 6b" + " ".repeat(45) + "|ok|");
    }

    @Test
    void lineIsSpacedHexAloneWhenFewerThanThreeBytesInFourArePrintable() {
        assertThat(Hex.line(new byte[] {0, 0, 'o', 'k'})).isEqualTo("00 00 6f 6b");
    }

    @Test
    void lineAddsAnAsciiGutterWhenThreeBytesInFourArePrintable() {
        assertThat(Hex.line(new byte[] {0, 'o', 'k', '!'})).isEqualTo("00 6f 6b 21  |.ok!|");
    }
}
