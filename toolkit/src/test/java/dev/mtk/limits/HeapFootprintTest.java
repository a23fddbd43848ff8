package dev.mtk.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapFootprintTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void anArrayBelowHalfARegionCostsItsLength() {
        assertThat(HeapFootprint.ofByteArray(MIB / 2 - 17, MIB)).isEqualTo(MIB / 2 - 17);
    }

    @Test
    void aOneMebibyteArrayTakesTwoOneMebibyteRegions() {
        assertThat(HeapFootprint.ofByteArray(MIB, MIB)).isEqualTo(2 * MIB);
    }

    @Test
    void halfARegionTakesAWholeOne() {
        assertThat(HeapFootprint.ofByteArray(MIB / 2, MIB)).isEqualTo(MIB);
    }

    @Test
    void withoutRegionsAnArrayCostsItsLength() {
        assertThat(HeapFootprint.ofByteArray(MIB, 0)).isEqualTo(MIB);
    }
}
