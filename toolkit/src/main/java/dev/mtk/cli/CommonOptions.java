package dev.mtk.cli;

import dev.mtk.plugin.Registry;
import dev.mtk.session.Profile;
import dev.mtk.session.ServerConfig;
import dev.mtk.session.TlsSettings;
import java.nio.file.Path;
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
    static final String FRAMING = "framing";
    static final String PAYLOAD = "payload";
    static final String PLUGINS = "plugins";
    static final String MAX_FRAME = "max-frame";
    static final String STRICT = "strict";
    static final String QUIET = "quiet";
    static final String DEBUG = "debug";
    static final String HELP = "help";
    static final String TLS = "tls";
    static final String KEYSTORE = "keystore";
    static final String KEYSTORE_PASSWORD = "keystore-password";
    static final String TRUSTSTORE = "truststore";
    static final String TRUSTSTORE_PASSWORD = "truststore-password";
    static final String INSECURE = "insecure";
    static final String CLIENT_AUTH = "client-auth";

    private CommonOptions() {
    }

    /** Adds the shared flags to {@code options}. */
    static Options addTo(Options options) {
        options.addOption(Option.builder("H").longOpt(HOST).hasArg().argName("HOST")
                .desc("address (default " + ServerConfig.DEFAULT_HOST + ")").get());
        options.addOption(Option.builder("p").longOpt(PORT).hasArg().argName("PORT")
                .desc("port (default " + ServerConfig.DEFAULT_PORT + ")").get());
        addSpeaking(options);
        addTls(options);
        options.addOption(Option.builder("q").longOpt(QUIET).desc("no per-message log lines").get());
        options.addOption(Option.builder().longOpt(DEBUG).desc("stack traces for internal errors").get());
        options.addOption(Option.builder("h").longOpt(HELP).desc("show this help").get());
        return options;
    }

    /** How sessions speak: {@code --profile}, {@code --framing}, {@code --payload}, {@code --plugins}, the limits. */
    static Options addSpeaking(Options options) {
        options.addOption(Option.builder().longOpt(PROFILE).hasArg().argName("NAME")
                .desc("framing, payload and handshake: " + String.join(", ", Profile.names()) + " (default json)").get());
        options.addOption(Option.builder().longOpt(FRAMING).hasArg().argName("NAME[:OPTS]")
                .desc("framing instead of the profile's, e.g. headers, length-field:width=2,order=little, or a plugin's").get());
        options.addOption(Option.builder().longOpt(PAYLOAD).hasArg().argName("NAME")
                .desc("payload codec instead of the profile's: json, text, bytes, or a plugin's").get());
        addPlugins(options);
        options.addOption(Option.builder().longOpt(MAX_FRAME).hasArg().argName("BYTES")
                .desc("largest frame body accepted, e.g. 65536, 64KiB, 1MiB (default 1MiB)").get());
        options.addOption(Option.builder().longOpt(STRICT)
                .desc("close a session on garbage before a frame, instead of skipping to the next magic").get());
        return options;
    }

    /** {@code --tls} and its stores. */
    static Options addTls(Options options) {
        options.addOption(Option.builder().longOpt(TLS).desc("TLS on every connection (MINA's SslFilter)").get());
        options.addOption(Option.builder().longOpt(KEYSTORE).hasArg().argName("FILE")
                .desc("with --tls: this side's certificate and key, PKCS12 or JKS (a server needs one)").get());
        options.addOption(Option.builder().longOpt(KEYSTORE_PASSWORD).hasArg().argName("PASSWORD")
                .desc("its password (default: $MTK_KEYSTORE_PASSWORD)").get());
        options.addOption(Option.builder().longOpt(TRUSTSTORE).hasArg().argName("FILE")
                .desc("with --tls: the certificates to trust (default: the JDK's)").get());
        options.addOption(Option.builder().longOpt(TRUSTSTORE_PASSWORD).hasArg().argName("PASSWORD")
                .desc("its password (default: $MTK_TRUSTSTORE_PASSWORD)").get());
        options.addOption(Option.builder().longOpt(INSECURE)
                .desc("with --tls, on a client: trust any server certificate (test certificates only)").get());
        options.addOption(Option.builder().longOpt(CLIENT_AUTH).hasArg().argName("none|want|need")
                .desc("with --tls, on a server: ask clients for a certificate (mutual TLS; default none)").get());
        return options;
    }

    /** {@code --plugins}, for commands that take no other shared flag. */
    static void addPlugins(Options options) {
        options.addOption(Option.builder().longOpt(PLUGINS).hasArg().argName("DIRS")
                .desc("more plugin folders (separated by the path separator); also MTK_PLUGINS").get());
    }

    /** The codecs: built in, then from the plugin folders. Each plugin that fails to load is one warning line. */
    static Registry codecs(CommandLine line, Console console) {
        Registry codecs = Registry.load(console.pluginFolders(line.getOptionValues(PLUGINS)));
        for (String warning : codecs.warnings()) {
            console.err().println("mtk: warning: " + warning);
        }
        return codecs;
    }

    /**
     * The TLS settings the flags give, or {@code null} without {@code --tls}.
     *
     * @throws UsageException for a TLS flag without {@code --tls}, or a bad value
     */
    static TlsSettings tls(CommandLine line, Console console) {
        if (!line.hasOption(TLS)) {
            for (String flag : new String[] {KEYSTORE, TRUSTSTORE, INSECURE, CLIENT_AUTH}) {
                if (line.hasOption(flag)) {
                    throw new UsageException("--" + flag + " needs --tls");
                }
            }
            return null;
        }
        try {
            return new TlsSettings(
                    line.hasOption(KEYSTORE) ? Path.of(line.getOptionValue(KEYSTORE)) : null,
                    line.getOptionValue(KEYSTORE_PASSWORD, console.env().get("MTK_KEYSTORE_PASSWORD")),
                    line.hasOption(TRUSTSTORE) ? Path.of(line.getOptionValue(TRUSTSTORE)) : null,
                    line.getOptionValue(TRUSTSTORE_PASSWORD, console.env().get("MTK_TRUSTSTORE_PASSWORD")),
                    line.hasOption(INSECURE),
                    TlsSettings.ClientAuth.of(line.getOptionValue(CLIENT_AUTH, "none")));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static String host(CommandLine line) {
        return line.getOptionValue(HOST, ServerConfig.DEFAULT_HOST);
    }

    static int port(CommandLine line, boolean zeroAllowed) {
        return line.hasOption(PORT) ? OptionValues.port("--port", line.getOptionValue(PORT), zeroAllowed)
                : ServerConfig.DEFAULT_PORT;
    }

    /** The {@code --profile}, with the {@code --framing} and {@code --payload} given. */
    static Profile profile(CommandLine line, Registry codecs) {
        try {
            Profile profile = Profile.named(line.getOptionValue(PROFILE, "json"));
            if (line.hasOption(FRAMING)) {
                profile = profile.withFraming(codecs.framingSpec(line.getOptionValue(FRAMING)));
            }
            if (line.hasOption(PAYLOAD)) {
                profile = profile.withPayload(codecs.payload(line.getOptionValue(PAYLOAD)));
            }
            return profile;
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
