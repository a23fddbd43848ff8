package dev.mtk.cli;

import dev.mtk.session.SessionLimits;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The flags every command that listens shares (the server, the proxy, the replay server): how long a peer may idle,
 * and what all peers together may take. One set of flags, one {@link SessionLimits}, so that each listening command
 * has the same defences.
 */
final class ListenOptions {
    static final String IDLE = "idle";
    static final String MAX_CONNECTIONS = "max-connections";
    static final String MAX_CONNECTIONS_PER_ADDRESS = "max-connections-per-address";
    static final String MAX_PENDING = "max-pending";
    static final String MAX_BUFFERED = "max-buffered";
    static final String FRAME_TIMEOUT = "frame-timeout";
    static final String WRITE_TIMEOUT = "write-timeout";
    /** A client that sends nothing for five minutes is closed, unless --idle says otherwise. */
    static final int DEFAULT_IDLE_SECONDS = 300;

    private ListenOptions() {
    }

    static Options addTo(Options options) {
        options.addOption(Option.builder().longOpt(IDLE).hasArg().argName("DURATION")
                .desc("a peer that sends nothing this long is closed (or handed to the handler's onIdle); 0 for "
                        + "never; whole seconds, rounded up (default " + DEFAULT_IDLE_SECONDS + "s)").get());
        options.addOption(Option.builder().longOpt(MAX_CONNECTIONS).hasArg().argName("N")
                .desc("connections open at once; more are closed as they connect (default "
                        + SessionLimits.DEFAULT_MAX_CONNECTIONS + ", lowered to fit ulimit -n)").get());
        options.addOption(Option.builder().longOpt(MAX_CONNECTIONS_PER_ADDRESS).hasArg().argName("N")
                .desc("connections open at once from one IP address (default "
                        + SessionLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS + ")").get());
        options.addOption(Option.builder().longOpt(MAX_PENDING).hasArg().argName("BYTES")
                .desc("unsent bytes a peer may leave unread; reading it pauses at a quarter, past this it is closed "
                        + "(default 4MiB)").get());
        options.addOption(Option.builder().longOpt(MAX_BUFFERED).hasArg().argName("BYTES")
                .desc("partial frames, queued messages and unsent bytes of all peers together; the largest holders "
                        + "are closed past it (default a quarter of the heap)").get());
        options.addOption(Option.builder().longOpt(FRAME_TIMEOUT).hasArg().argName("DURATION")
                .desc("time a frame may take to arrive once it has begun (default 30s)").get());
        options.addOption(Option.builder().longOpt(WRITE_TIMEOUT).hasArg().argName("DURATION")
                .desc("time a peer may leave bytes unread without taking any (default 30s)").get());
        return options;
    }

    /**
     * The idle time the flags give, in seconds: MINA counts idleness in whole seconds, so a DURATION is rounded up
     * ({@code 500ms} is 1); {@code 0} is never.
     */
    static int idleSeconds(CommandLine line) {
        if (!line.hasOption(IDLE)) {
            return DEFAULT_IDLE_SECONDS;
        }
        String value = line.getOptionValue(IDLE);
        if (value.trim().matches("0+(\\.0*)?(ms|s|m)?")) {
            return 0;
        }
        long millis = OptionValues.duration("--" + IDLE, value).toMillis();
        return (int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1000);
    }

    /** The limits the flags give, the defaults for the others; the caller may add its own before building. */
    static SessionLimits.Builder limits(CommandLine line) {
        SessionLimits.Builder limits = SessionLimits.builder();
        if (line.hasOption(MAX_CONNECTIONS)) {
            limits.maxConnections(OptionValues.positiveInt("--" + MAX_CONNECTIONS, line.getOptionValue(MAX_CONNECTIONS)));
        }
        if (line.hasOption(MAX_CONNECTIONS_PER_ADDRESS)) {
            limits.maxConnectionsPerAddress(OptionValues.positiveInt("--" + MAX_CONNECTIONS_PER_ADDRESS,
                    line.getOptionValue(MAX_CONNECTIONS_PER_ADDRESS)));
        }
        if (line.hasOption(MAX_PENDING)) {
            limits.maxPending(OptionValues.bytes("--" + MAX_PENDING, line.getOptionValue(MAX_PENDING)));
        }
        if (line.hasOption(MAX_BUFFERED)) {
            limits.maxBuffered(OptionValues.bytes("--" + MAX_BUFFERED, line.getOptionValue(MAX_BUFFERED)));
        }
        if (line.hasOption(FRAME_TIMEOUT)) {
            limits.frameTimeout(OptionValues.duration("--" + FRAME_TIMEOUT, line.getOptionValue(FRAME_TIMEOUT)));
        }
        if (line.hasOption(WRITE_TIMEOUT)) {
            limits.writeTimeout(OptionValues.duration("--" + WRITE_TIMEOUT, line.getOptionValue(WRITE_TIMEOUT)));
        }
        return limits;
    }

    /** The limits for the listening line, e.g. {@code max-connections 16384, max-buffered 64MiB}. */
    static String describe(SessionLimits limits, int maxConnections) {
        return "max-connections " + maxConnections + ", max-buffered " + sized(limits.maxBuffered());
    }

    private static String sized(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + "MiB";
        }
        if (bytes >= 1024 * 1024) {
            return (bytes + 512 * 1024) / (1024 * 1024) + "MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + "KiB" : bytes + "B";
    }
}
