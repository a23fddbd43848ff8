package dev.mtk.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SkippedBytesTest {

    @Test
    void noticesOfTheSameCountAndSampleAreEqual() {
        assertThat(new SkippedBytes(3, new byte[] {1, 2, 3})).isEqualTo(new SkippedBytes(3, new byte[] {1, 2, 3}))
                .hasSameHashCodeAs(new SkippedBytes(3, new byte[] {1, 2, 3}))
                .isNotEqualTo(new SkippedBytes(3, new byte[] {1, 2, 4}))
                .isNotEqualTo(new SkippedBytes(4, new byte[] {1, 2, 3}));
    }

    @Test
    void theSampleIsCopiedInAndOut() {
        byte[] given = {1, 2};
        SkippedBytes skipped = new SkippedBytes(2, given);

        given[0] = 9;
        skipped.sample()[1] = 9;

        assertThat(skipped.sample()).containsExactly(1, 2);
    }

    @Test
    void aNegativeCountIsRefused() {
        assertThatThrownBy(() -> new SkippedBytes(-1, new byte[0])).hasMessage("count must not be negative: -1");
    }

    @Test
    void itReadsAsCountAndHex() {
        assertThat(new SkippedBytes(20, new byte[] {0x0a, (byte) 0xff})).hasToString("SkippedBytes[20 B, starting 0a ff]");
    }
}
