package dev.mtk.cli;

import dev.mtk.exchange.Exchange;
import dev.mtk.internal.HostPort;
import dev.mtk.plugin.Registry;
import dev.mtk.session.Profile;
import dev.mtk.session.ServerConfig;
import dev.mtk.session.TlsSettings;
import dev.mtk.spi.FrameLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    static final String EXCHANGE = "exchange";
    static final String CORRELATE = "correlate";
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

    /** The shared flags of a command that listens: where, how it speaks, server-side TLS, how much to say. */
    static Options addServer(Options options) {
        options.addOption(Option.builder("H").longOpt(HOST).hasArg().argName("HOST")
                .desc("address to listen on (default " + ServerConfig.DEFAULT_HOST + ")").get());
        options.addOption(Option.builder("p").longOpt(PORT).hasArg().argName("PORT")
                .desc("port; 0 picks a free one (default " + ServerConfig.DEFAULT_PORT + ")").get());
        addSpeaking(options);
        addServerTls(options);
        return addTalk(options);
    }

    /**
     * The shared flags of a command that connects: where to (also as its HOST:PORT argument), how it speaks,
     * client-side TLS, how much to say.
     */
    static Options addClient(Options options) {
        addAddress(options);
        addSpeaking(options);
        addClientTls(options);
        return addTalk(options);
    }

    /** {@code -H} and {@code -p} of a command that connects. */
    static Options addAddress(Options options) {
        options.addOption(Option.builder("H").longOpt(HOST).hasArg().argName("HOST")
                .desc("server to connect to, instead of HOST:PORT (default " + ServerConfig.DEFAULT_HOST + ")").get());
        options.addOption(Option.builder("p").longOpt(PORT).hasArg().argName("PORT")
                .desc("its port (default " + ServerConfig.DEFAULT_PORT + ")").get());
        return options;
    }

    /** {@code -q}, {@code --debug}, {@code -h}. */
    static Options addTalk(Options options) {
        options.addOption(Option.builder("q").longOpt(QUIET).desc("no per-message log lines").get());
        return addDebugAndHelp(options);
    }

    /** {@code --debug}, {@code -h}. */
    static Options addDebugAndHelp(Options options) {
        options.addOption(Option.builder().longOpt(DEBUG).desc("stack traces for internal errors").get());
        options.addOption(Option.builder("h").longOpt(HELP).desc("show this help").get());
        return options;
    }

    /** How sessions speak: {@code --profile}, {@code --framing}, {@code --payload}, {@code --plugins}, the limits. */
    static Options addSpeaking(Options options) {
        options.addOption(Option.builder().longOpt(PROFILE).hasArg().argName("NAME")
                .desc(PROFILE_HELP).get());
        options.addOption(Option.builder().longOpt(FRAMING).hasArg().argName("NAME[:OPTS]")
                .desc("framing instead of the profile's, e.g. headers, length-field:width=2,order=little, or a plugin's").get());
        options.addOption(Option.builder().longOpt(PAYLOAD).hasArg().argName("NAME")
                .desc("payload codec instead of the profile's: json, text, bytes, or a plugin's").get());
        addExchange(options);
        addPlugins(options);
        options.addOption(Option.builder().longOpt(MAX_FRAME).hasArg().argName("BYTES")
                .desc("largest frame body accepted, e.g. 65536, 64KiB, 1MiB (default 1MiB)").get());
        options.addOption(Option.builder().longOpt(STRICT)
                .desc("close a session on garbage before a frame, instead of skipping to the next magic").get());
        return options;
    }

    /** {@code --tls} on a server: its certificate, and what it asks of clients. */
    static Options addServerTls(Options options) {
        options.addOption(Option.builder().longOpt(TLS).desc("TLS on every connection; needs --keystore").get());
        options.addOption(Option.builder().longOpt(KEYSTORE).hasArg().argName("FILE")
                .desc("the server's certificate and key, PKCS12 or JKS").get());
        addPasswords(options, KEYSTORE_PASSWORD, "MTK_KEYSTORE_PASSWORD");
        options.addOption(Option.builder().longOpt(CLIENT_AUTH).hasArg().argName("none|want|need")
                .desc("ask clients for a certificate (mutual TLS; default none)").get());
        options.addOption(Option.builder().longOpt(TRUSTSTORE).hasArg().argName("FILE")
                .desc("the client certificates to trust (default: the JDK's)").get());
        addPasswords(options, TRUSTSTORE_PASSWORD, "MTK_TRUSTSTORE_PASSWORD");
        return options;
    }

    /** {@code --tls} on a client: what it trusts, and its own certificate for mutual TLS. */
    static Options addClientTls(Options options) {
        options.addOption(Option.builder().longOpt(TLS).desc("TLS on every connection").get());
        options.addOption(Option.builder().longOpt(TRUSTSTORE).hasArg().argName("FILE")
                .desc("the server certificates to trust (default: the JDK's)").get());
        addPasswords(options, TRUSTSTORE_PASSWORD, "MTK_TRUSTSTORE_PASSWORD");
        options.addOption(Option.builder().longOpt(INSECURE)
                .desc("trust any server certificate (test certificates only)").get());
        options.addOption(Option.builder().longOpt(KEYSTORE).hasArg().argName("FILE")
                .desc("this client's certificate and key, for a server that asks (mutual TLS)").get());
        addPasswords(options, KEYSTORE_PASSWORD, "MTK_KEYSTORE_PASSWORD");
        return options;
    }

    private static void addPasswords(Options options, String name, String variable) {
        options.addOption(Option.builder().longOpt(name).hasArg().argName("PASSWORD")
                .desc("its password (default: $" + variable + ")").get());
    }

    /** What {@code --profile} says in every help. */
    static final String PROFILE_HELP = "framing, payload and exchange together: json (default: headers frames, JSON, "
            + "the seed's exchange), seed (the seed's bytes exactly), reply (4-byte length, JSON, request and reply)";

    /** {@code --exchange} and {@code --correlate}. */
    static void addExchange(Options options) {
        options.addOption(Option.builder().longOpt(EXCHANGE).hasArg().argName("KIND")
                .desc("what each message is part of, instead of the profile's: seed (message, acknowledgement, ok), "
                        + "reply (request, then its reply), oneway (nothing awaited)").get());
        options.addOption(Option.builder().longOpt(CORRELATE).hasArg().argName("EXPR")
                .desc("pair replies with requests by this id, in any order: a JSON path ($.id, $.header.seq) or a "
                        + "header field the framing names (header.opaque)").get());
    }

    /** {@code --plugins}, for commands that take no other shared flag. */
    static void addPlugins(Options options) {
        options.addOption(Option.builder().longOpt(PLUGINS).hasArg().argName("DIRS")
                .desc("more plugin folders (separated by the path separator); also MTK_PLUGINS").get());
    }

    /** The codecs: built in, then from the plugin folders. Each plugin that fails to load is one warning line. */
    static Registry codecs(CommandLine line, Console console) {
        List<Path> folders = console.pluginFolders(line.getOptionValues(PLUGINS));
        // The distribution's own folder may be absent (a clone's build); one the user named is a typo worth a line.
        List<Path> defaults = console.pluginFolders(null);
        for (Path folder : folders) {
            if (!defaults.contains(folder) && !Files.isDirectory(folder)) {
                console.err().println("mtk: warning: plugin folder " + folder.toAbsolutePath() + " (--" + PLUGINS + "): "
                        + (Files.exists(folder) ? "not a folder" : "no such folder") + "; going on without it");
            }
        }
        Registry codecs = Registry.load(folders);
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
            for (String flag : new String[] {KEYSTORE, KEYSTORE_PASSWORD, TRUSTSTORE, TRUSTSTORE_PASSWORD, INSECURE,
                CLIENT_AUTH}) {
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

    /**
     * Where a command that connects connects: its one HOST:PORT argument ({@code [::1]:7373}, or a bare port on
     * 127.0.0.1), or {@code -H} and {@code -p}.
     */
    static HostPort connectTo(CommandLine line) {
        java.util.List<String> words = line.getArgList();
        if (words.size() > 1) {
            throw new UsageException("unexpected argument '" + words.get(1) + "' (give at most one HOST:PORT)");
        }
        if (words.isEmpty()) {
            return new HostPort(host(line), port(line, false));
        }
        if (line.hasOption(HOST) || line.hasOption(PORT)) {
            throw new UsageException("give HOST:PORT or -H/-p, not both");
        }
        return OptionValues.address("address", words.get(0), ServerConfig.DEFAULT_HOST, false);
    }

    static String host(CommandLine line) {
        return line.getOptionValue(HOST, ServerConfig.DEFAULT_HOST);
    }

    static int port(CommandLine line, boolean zeroAllowed) {
        return line.hasOption(PORT) ? OptionValues.port("--port", line.getOptionValue(PORT), zeroAllowed)
                : ServerConfig.DEFAULT_PORT;
    }

    /** The {@code --profile}, with the {@code --framing}, {@code --payload}, {@code --exchange} and {@code --correlate} given. */
    static Profile profile(CommandLine line, Registry codecs) {
        return profile(line, codecs, Map.of());
    }

    /**
     * {@code base} (a recording's choice, by {@link Registry#PROFILE_CHOICES} names) with the profile flags given laid
     * over it, resolved as every command resolves them.
     */
    static Profile profile(CommandLine line, Registry codecs, Map<String, String> base) {
        Map<String, String> choice = new LinkedHashMap<>(base);
        for (String flag : Registry.PROFILE_CHOICES) {
            String value = line.getOptionValue(flag);
            if (value == null && flag.equals(EXCHANGE) && line.hasOption(flag)) {
                // Only bench's --exchange may come bare: its older flag for the seed's three steps.
                value = Exchange.SEED.label();
            }
            if (value != null) {
                choice.put(flag, value);
            }
        }
        try {
            return codecs.profile(Profile.json(), choice, "--");
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
