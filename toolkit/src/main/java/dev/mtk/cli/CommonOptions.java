package dev.mtk.cli;

import dev.mtk.session.Profile;
import dev.mtk.session.ServerConfig;
import dev.mtk.spi.FrameLimits;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The flags every networking command shares: where to listen or connect, which profile to speak, the decoder's
 * limits, and how much to say.
 */
final class CommonOptions {
    static final String HOST = "host";
    static final String PORT = "port";
    static final String PROFILE = "profile";
    static final String MAX_FRAME = "max-frame";
    static final String STRICT = "strict";
    static final String QUIET = "quiet";
    static final String DEBUG = "debug";
    static final String HELP = "help";

    private CommonOptions() {
    }

    /** Adds the shared flags to {@code options}. */
    static Options addTo(Options options) {
        options.addOption(Option.builder("H").longOpt(HOST).hasArg().argName("HOST")
                .desc("address (default " + ServerConfig.DEFAULT_HOST + ")").get());
        options.addOption(Option.builder("p").longOpt(PORT).hasArg().argName("PORT")
                .desc("port (default " + ServerConfig.DEFAULT_PORT + ")").get());
        options.addOption(Option.builder().longOpt(PROFILE).hasArg().argName("NAME")
                .desc("framing, payload and handshake: " + String.join(", ", Profile.names()) + " (default json)").get());
        options.addOption(Option.builder().longOpt(MAX_FRAME).hasArg().argName("BYTES")
                .desc("largest frame body accepted, e.g. 65536, 64KiB, 1MiB (default 1MiB)").get());
        options.addOption(Option.builder().longOpt(STRICT)
                .desc("close a session on garbage before a frame, instead of skipping to the next magic").get());
        options.addOption(Option.builder("q").longOpt(QUIET).desc("no per-message log lines").get());
        options.addOption(Option.builder().longOpt(DEBUG).desc("stack traces for internal errors").get());
        options.addOption(Option.builder("h").longOpt(HELP).desc("show this help").get());
        return options;
    }

    static String host(CommandLine line) {
        return line.getOptionValue(HOST, ServerConfig.DEFAULT_HOST);
    }

    static int port(CommandLine line, boolean zeroAllowed) {
        return line.hasOption(PORT) ? OptionValues.port("--port", line.getOptionValue(PORT), zeroAllowed)
                : ServerConfig.DEFAULT_PORT;
    }

    static Profile profile(CommandLine line) {
        try {
            return Profile.named(line.getOptionValue(PROFILE, "json"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static FrameLimits limits(CommandLine line) {
        int maxFrame = line.hasOption(MAX_FRAME)
                ? OptionValues.bytes("--max-frame", line.getOptionValue(MAX_FRAME))
                : FrameLimits.DEFAULT_MAX_FRAME;
        return new FrameLimits(maxFrame, line.hasOption(STRICT));
    }
}
