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
        addCodecs(options);
        options.addOption(Option.builder().longOpt(CommonOptions.STRICT)
                .desc("garbage before a frame stops decoding, instead of skipping to the next magic").get());
        return CommonOptions.addTalk(options);
    }

    /** The codec choice and the largest frame, without the flags about decoding live traffic. */
    static Options addCodecs(Options options) {
        options.addOption(Option.builder().longOpt(CommonOptions.PROFILE).hasArg().argName("NAME")
                .desc(CommonOptions.PROFILE_HELP).get());
        options.addOption(Option.builder().longOpt(CommonOptions.FRAMING).hasArg().argName("NAME[:OPTS]")
                .desc("framing instead of the profile's, e.g. headers, length-field:width=2,order=little, or a plugin's").get());
        options.addOption(Option.builder().longOpt(CommonOptions.PAYLOAD).hasArg().argName("NAME")
                .desc("payload codec instead of the profile's: json, text, bytes, or a plugin's").get());
        CommonOptions.addExchange(options);
        CommonOptions.addPlugins(options);
        options.addOption(Option.builder().longOpt(CommonOptions.MAX_FRAME).hasArg().argName("BYTES")
                .desc("largest frame body decoded, e.g. 65536, 64KiB, 1MiB (default 1MiB)").get());
        return options;
    }
}
