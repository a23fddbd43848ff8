package dev.mtk.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpiVersionTest {

    /** The build writes mtk.spi.version into manifests; the code must say the same. */
    @Test
    void equalsThePomsSpiVersion() {
        assertThat(System.getProperty("mtk.spi.version")).as("mtk.spi.version, passed by surefire").isNotNull();
        assertThat(SpiVersion.CURRENT).isEqualTo(System.getProperty("mtk.spi.version"));
    }

    @Test
    void currentIsMajorDotMinor() {
        assertThat(SpiVersion.CURRENT).isEqualTo(SpiVersion.MAJOR + "." + SpiVersion.MINOR);
    }
}
