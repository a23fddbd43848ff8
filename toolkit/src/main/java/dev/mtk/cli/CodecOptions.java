package dev.mtk.cli;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The shared flags of commands that decode traffic but neither listen nor connect with {@code -H}/{@code -p}
 * ({@code proxy}, {@code replay}): the codec choice, the decoder's limits, and how much to say. Same names as
 * {@link CommonOptions}, so its readers ({@code profile}, {@code limits}, {@code codecs}) work on them.
 */
final class CodecOptions {
    private CodecOptions() {
    }

    static Options addTo(Options options) {
        options.addOption(Option.builder().longOpt(CommonOptions.PROFILE).hasArg().argName("NAME")
                .desc("framing, payload and handshake: json (default) or seed").get());
        options.addOption(Option.builder().longOpt(CommonOptions.FRAMING).hasArg().argName("NAME[:OPTS]")
                .desc("framing instead of the profile's, e.g. headers, length-field:width=2,order=little, or a plugin's").get());
        options.addOption(Option.builder().longOpt(CommonOptions.PAYLOAD).hasArg().argName("NAME")
                .desc("payload codec instead of the profile's: json, text, bytes, or a plugin's").get());
        CommonOptions.addPlugins(options);
        options.addOption(Option.builder().longOpt(CommonOptions.MAX_FRAME).hasArg().argName("BYTES")
                .desc("largest frame body decoded, e.g. 65536, 64KiB, 1MiB (default 1MiB)").get());
        options.addOption(Option.builder().longOpt(CommonOptions.STRICT)
                .desc("garbage before a frame stops decoding, instead of skipping to the next magic").get());
        options.addOption(Option.builder("q").longOpt(CommonOptions.QUIET).desc("no per-message log lines").get());
        options.addOption(Option.builder().longOpt(CommonOptions.DEBUG).desc("stack traces for internal errors").get());
        options.addOption(Option.builder("h").longOpt(CommonOptions.HELP).desc("show this help").get());
        return options;
    }
}
