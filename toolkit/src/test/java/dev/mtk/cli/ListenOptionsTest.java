package dev.mtk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Options;
import org.junit.jupiter.api.Test;

class ListenOptionsTest {

    private static int idle(String value) throws Exception {
        return ListenOptions.idleSeconds(new DefaultParser().parse(ListenOptions.addTo(new Options()),
                new String[] {"--idle", value}));
    }

    @Test
    void idleTakesADurationInWholeSecondsRoundedUp() throws Exception {
        assertThat(idle("2m")).isEqualTo(120);
        assertThat(idle("500ms")).isEqualTo(1);
    }

    @Test
    void idleStillTakesBareSeconds() throws Exception {
        assertThat(idle("30")).isEqualTo(30);
    }

    @Test
    void idleZeroIsNever() throws Exception {
        assertThat(idle("0")).isZero();
        assertThat(idle("0s")).isZero();
    }

    @Test
    void aBadIdleNamesTheOption() {
        assertThatThrownBy(() -> idle("soon")).isInstanceOf(UsageException.class).hasMessageStartingWith("invalid --idle 'soon'");
    }
}
