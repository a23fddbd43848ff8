package dev.mtk.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameTest {
    private static final byte[] OK = "ok".getBytes(StandardCharsets.UTF_8);
    private static final byte[] HEADER = {(byte) 0x81, 0x00};

    @Test
    void framesWithTheSameBodyHeaderAndWireSizeAreEqual() {
        Frame one = new Frame(HEADER.clone(), OK.clone(), 4);
        Frame other = new Frame(HEADER.clone(), OK.clone(), 4);

        assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
    }

    @Test
    void aDifferentBodyMakesADifferentFrame() {
        assertThat(new Frame(OK, 13)).isNotEqualTo(new Frame("no".getBytes(StandardCharsets.UTF_8), 13));
    }

    @Test
    void aDifferentWireSizeMakesADifferentFrame() {
        assertThat(new Frame(OK, 13)).isNotEqualTo(new Frame(OK, 14));
    }

    @Test
    void aReceivedFrameDiffersFromTheSameBodyToBeSent() {
        assertThat(new Frame(OK, 13)).isNotEqualTo(new Frame(OK));
    }

    @Test
    void aDifferentHeaderMakesADifferentFrame() {
        assertThat(new Frame(HEADER, OK, 4)).isNotEqualTo(new Frame(new byte[] {(byte) 0x81, 0x01}, OK, 4));
    }

    @Test
    void toStringGivesTheSizesThatMakeTheFrame() {
        assertThat(new Frame(OK)).hasToString("Frame[2 B]");
        assertThat(new Frame(OK, 13)).hasToString("Frame[2 B, wire 13 B]");
        assertThat(new Frame(HEADER, OK, 4)).hasToString("Frame[2 B, header 2 B, wire 4 B]");
    }
}
