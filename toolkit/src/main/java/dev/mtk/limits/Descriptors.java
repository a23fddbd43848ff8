package dev.mtk.limits;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The process's file descriptor limit, and how many connections fit under it.
 *
 * <p>Why: a server that runs out of descriptors cannot even load a class (the JDK opens its jars lazily), and MINA's
 * I/O threads died of the {@code NoClassDefFoundError} under {@code ulimit -n 256} and 300 connections. Keeping the
 * connection limit below the descriptor limit, with room for the JVM's own files, means the limit is met first and
 * refused politely.
 */
public final class Descriptors {
    /** Descriptors kept for what is not a connection: jars, logs, plugins, recordings, the JDK's own files. */
    public static final int RESERVE = 64;

    private Descriptors() {
    }

    /**
     * How many connections, each taking {@code perConnection} descriptors, fit under the limit beside what is open
     * now and the {@link #RESERVE}; {@link Long#MAX_VALUE} where the platform does not tell.
     */
    public static long room(int perConnection) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof com.sun.management.UnixOperatingSystemMXBean unix)) {
            return Long.MAX_VALUE;
        }
        long max = unix.getMaxFileDescriptorCount();
        long open = unix.getOpenFileDescriptorCount();
        if (max <= 0 || open < 0) {
            return Long.MAX_VALUE;
        }
        return Math.max(1, (max - open - RESERVE) / perConnection);
    }

    /** Descriptors open now, or -1 where the platform does not tell; it lists them, so it costs as many as are open. */
    public static long open() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
    }

    /** The process's descriptor limit, or -1 where the platform does not tell. */
    public static long max() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    }
}
