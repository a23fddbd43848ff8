package dev.mtk.limits;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * What a byte array of a given length costs the heap, which for a large array on G1 is more than its length.
 *
 * <p>Why: G1 puts an array of half a region or more in whole regions of its own ("humongous"), so on a 128 MiB heap
 * (1 MiB regions) a decoder buffer of 1 MiB, plus the array's header, takes two regions. The budget counted such a
 * buffer as 1 MiB, so peers each holding most of a 1 MiB frame took twice the heap the budget saw.
 */
public final class HeapFootprint {
    /** A byte array's header, rounded up to the object alignment. */
    private static final long ARRAY_HEADER = 16;
    private static final long REGION = g1RegionSize();

    private HeapFootprint() {
    }

    /** Bytes of heap an array of {@code length} bytes takes: its length, or whole regions for a humongous one. */
    public static long ofByteArray(long length) {
        return ofByteArray(length, REGION);
    }

    /** As {@link #ofByteArray(long)}, with G1 regions of {@code region} bytes (0: not G1). */
    static long ofByteArray(long length, long region) {
        if (region <= 0 || length < region / 2) {
            return length;
        }
        long regions = (length + ARRAY_HEADER + region - 1) / region;
        return regions * region;
    }

    /** The G1 region size of this JVM, or 0 when it runs another collector or does not say. */
    private static long g1RegionSize() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (!Boolean.parseBoolean(vm.getVMOption("UseG1GC").getValue())) {
                return 0;
            }
            return Long.parseLong(vm.getVMOption("G1HeapRegionSize").getValue());
        } catch (RuntimeException | LinkageError notHotSpot) {
            // Another JVM, or one without jdk.management: count arrays by their length, as before.
            return 0;
        }
    }
}
