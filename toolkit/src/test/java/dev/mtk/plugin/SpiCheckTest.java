package dev.mtk.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpiCheckTest {

    @Test
    void theSameVersionLoadsSilently() {
        assertThat(SpiCheck.of("1.0", 1, 0)).isEqualTo(new SpiCheck(true, null));
    }

    @Test
    void anOlderMinorLoadsSilently() {
        assertThat(SpiCheck.of("1.1", 1, 3)).isEqualTo(new SpiCheck(true, null));
    }

    @Test
    void aNewerMinorLoadsWithAWarning() {
        assertThat(SpiCheck.of("1.4", 1, 3)).isEqualTo(new SpiCheck(true,
                "built for mtk SPI 1.4; this mtk has SPI 1.3 (loaded; what it uses of the newer SPI is missing here)"));
    }

    @Test
    void anotherMajorIsSkipped() {
        assertThat(SpiCheck.of("2.0", 1, 0)).isEqualTo(new SpiCheck(false,
                "built for mtk SPI 2.0; this mtk has SPI 1.0 (skipped)"));
        assertThat(SpiCheck.of("0.9", 1, 0).load()).isFalse();
    }

    @Test
    void noVersionLoadsWithAWarningNamingTheAttribute() {
        assertThat(SpiCheck.of(null, 1, 0)).isEqualTo(new SpiCheck(true, "no Mtk-Spi-Version in its manifest, so "
                + "the SPI version it was built for is unknown; this mtk has SPI 1.0 (loaded)"));
    }

    @Test
    void aMalformedVersionIsSkipped() {
        assertThat(SpiCheck.of("one", 1, 0)).isEqualTo(new SpiCheck(false,
                "Mtk-Spi-Version 'one' is not MAJOR.MINOR; this mtk has SPI 1.0 (skipped)"));
    }
}
