package dev.mtk.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClosestTest {
    private static final List<String> COMMANDS = Usage.names();

    @Test
    void twoLettersSwappedAreOneEditAway() {
        assertThat(Closest.distance("sned", "send")).isEqualTo(1);
        assertThat(Closest.to("sned", COMMANDS)).contains("send");
    }

    @Test
    void aMissingLetterFindsTheCommand() {
        assertThat(Closest.to("conect", COMMANDS)).contains("connect");
        assertThat(Closest.to("sesions", COMMANDS)).contains("sessions");
    }

    @Test
    void theStartOfACommandFindsIt() {
        assertThat(Closest.to("exch", COMMANDS)).contains("exchange");
    }

    @Test
    void aWordFarFromEveryCommandFindsNothing() {
        assertThat(Closest.to("teleport", COMMANDS)).isEmpty();
    }
}
