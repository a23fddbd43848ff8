package dev.mtk.plugin;

import dev.mtk.exchange.Correlation;
import dev.mtk.exchange.Exchange;
import dev.mtk.internal.CreateErrors;
import dev.mtk.internal.MtkVersion;
import dev.mtk.payload.NamedPayload;
import dev.mtk.session.Profile;
import dev.mtk.spi.FramingProvider;
import dev.mtk.spi.Handler;
import dev.mtk.spi.HandlerProvider;
import dev.mtk.spi.Options;
import dev.mtk.spi.PayloadProvider;
import dev.mtk.spi.Provider;
import dev.mtk.wire.FramingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every framing, payload codec and handler mtk knows, by name: the toolkit's own, then those of each plugin jar.
 *
 * <p>Rules: a built-in name cannot be taken by a plugin; between plugins the first jar wins, in folder order and then
 * file name order. A jar that is not a zip, lists a class that is missing, whose provider throws while being
 * constructed, or declares a taken name costs one warning naming the jar and the reason; every other provider still
 * loads. The three kinds ({@link FramingProvider}, {@link PayloadProvider}, {@link HandlerProvider}) load through one
 * path, and are created through one ({@link CreateErrors#create}), which checks options first.
 */
public final class Registry {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    /** A guard against a provider iterator that keeps failing on the same entry. */
    private static final int MAX_ERRORS_PER_JAR = 100;
    private static final Registry BUILT_IN = load(List.of());

    private final Catalog<FramingProvider> framings = new Catalog<>("framing", FramingProvider.class);
    private final Catalog<PayloadProvider> payloads = new Catalog<>("payload", PayloadProvider.class);
    private final Catalog<HandlerProvider> handlers = new Catalog<>("handler", HandlerProvider.class);
    /** The three kinds, in the order they are loaded and listed. */
    private final List<Catalog<?>> catalogs = List.of(framings, payloads, handlers);
    private final List<String> warnings = new ArrayList<>();

    private record Entry<P>(P provider, PluginInfo info) {
    }

    /** The providers of one kind, by name: what {@code --framing}, {@code --payload} or {@code --handler} choose. */
    private record Catalog<P extends Provider<?>>(String kind, Class<P> type, Map<String, Entry<P>> entries) {
        Catalog(String kind, Class<P> type) {
            this(kind, type, new TreeMap<>());
        }

        /**
         * The provider called {@code name}.
         *
         * @throws IllegalArgumentException naming the known ones when there is none by that name
         */
        P find(String name) {
            Entry<P> entry = entries.get(name);
            if (entry == null) {
                throw new IllegalArgumentException("unknown " + kind + " '" + name + "' (known: "
                        + String.join(", ", entries.keySet()) + ")");
            }
            return entry.provider();
        }

        /**
         * The provider {@code text} chooses, {@code NAME[:key=value,...]}, and the options it gives it.
         *
         * @throws IllegalArgumentException for an unknown name, or malformed options (naming the provider)
         */
        Choice<P> choose(String text) {
            int colon = text.indexOf(':');
            P provider = find((colon < 0 ? text : text.substring(0, colon)).trim());
            return new Choice<>(provider, Options.of(options(kind, provider.name(), text, colon)));
        }
    }

    private record Choice<P>(P provider, Options options) {
    }

    private Registry() {
    }

    /** The toolkit's own codecs and handlers. */
    public static Registry builtIn() {
        return BUILT_IN;
    }

    /** The toolkit's own codecs, then those of every jar in {@code folders} (missing folders are skipped). */
    public static Registry load(List<Path> folders) {
        Registry registry = new Registry();
        ClassLoader mtk = Registry.class.getClassLoader();
        registry.registerAll(mtk, PluginInfo.BUILT_IN, MtkVersion.current());
        ClassLoader spiOnly = new SpiOnlyClassLoader(mtk);
        for (Path jar : jars(folders, registry.warnings)) {
            registry.loadJar(jar, spiOnly);
        }
        return registry;
    }

    /**
     * The framing called {@code name}.
     *
     * @throws IllegalArgumentException naming the known framings when there is none by that name
     */
    public FramingProvider framing(String name) {
        return framings.find(name);
    }

    /**
     * A framing as written on the command line: {@code NAME[:key=value,...]}.
     *
     * @throws IllegalArgumentException for an unknown name or malformed options
     */
    public FramingSpec framingSpec(String text) {
        Choice<FramingProvider> choice = framings.choose(text);
        return new FramingSpec(choice.provider(), choice.options().asMap());
    }

    /**
     * A payload codec as written on the command line, {@code NAME[:key=value,...]}, created.
     *
     * @throws IllegalArgumentException for an unknown name, malformed options, or options the provider refuses
     *         (naming it: {@code payload bytes: unknown option 'x' (it takes none)})
     */
    public NamedPayload payload(String text) {
        Choice<PayloadProvider> choice = payloads.choose(text);
        return NamedPayload.of(choice.provider().name(), choice.options(),
                CreateErrors.create("payload", choice.provider(), choice.options()));
    }

    /**
     * A handler as written on the command line, {@code NAME[:key=value,...]}, created.
     *
     * @throws IllegalArgumentException for an unknown name, malformed options, or options the handler refuses
     *         (naming it: {@code handler kv: unknown option 'bogus' (it takes none)})
     */
    public Handler handler(String text) {
        Choice<HandlerProvider> choice = handlers.choose(text);
        return CreateErrors.create("handler", choice.provider(), choice.options());
    }

    /**
     * The handler called {@code name}, created with {@code options} as given (no {@code key=value} text to parse, so
     * values may hold commas): what the admin API's {@code {"handler": ..., "options": {...}}} asks for.
     *
     * @throws IllegalArgumentException for an unknown name, or options the handler refuses (naming it)
     */
    public Handler handler(String name, Map<String, String> options) {
        return CreateErrors.create("handler", handlers.find(name.trim()), Options.of(options));
    }

    /**
     * What a user may choose of a profile, in the order they apply: {@code profile} first, then what changes it. The
     * command line's flags, the REPL's {@code connect} options and a script's {@code connect(...)} and
     * {@code server(...)} keys are these names.
     */
    public static final List<String> PROFILE_CHOICES = List.of("profile", "framing", "payload", "exchange", "correlate");

    /**
     * The profile a user chose, by the names given in {@code choice} (keys {@code profile}, {@code framing},
     * {@code payload}, {@code exchange}, {@code correlate}; absent ones keep the profile's own): what the command
     * line's flags and a script's {@code connect(...)} and {@code server(...)} options both mean.
     *
     * @throws IllegalArgumentException for an unknown name, a bad option, or a correlation without replies
     */
    public Profile profile(Map<String, String> choice) {
        return profile(Profile.json(), choice, "");
    }

    /**
     * {@link #profile(Map)} starting from {@code base} when {@code choice} names no profile (the REPL's
     * {@code connect --framing F} changes the profile {@code mtk repl} was started with, not {@code json}), with an
     * error naming an option as the user wrote it: {@code optionPrefix} is {@code "--"} where {@code choice} came from
     * flags ({@code --correlate}), empty where it came from a script's keys ({@code correlate:}).
     *
     * @throws IllegalArgumentException as {@link #profile(Map)}
     */
    public Profile profile(Profile base, Map<String, String> choice, String optionPrefix) {
        Profile profile = choice.containsKey("profile") ? Profile.named(choice.get("profile")) : base;
        if (choice.containsKey("framing")) {
            profile = profile.withFraming(framingSpec(choice.get("framing")));
        }
        if (choice.containsKey("payload")) {
            profile = profile.withPayload(payload(choice.get("payload")));
        }
        if (choice.containsKey("exchange")) {
            profile = profile.withExchange(Exchange.named(choice.get("exchange")));
        }
        if (choice.containsKey("correlate")) {
            if (profile.exchange() == Exchange.SEED) {
                throw new IllegalArgumentException(optionPrefix + "correlate pairs replies with requests, which the "
                        + "seed's exchange does not have: choose the exchange reply (or the profile reply)");
            }
            profile = profile.withCorrelation(Correlation.parse(choice.get("correlate")));
        }
        return profile;
    }

    /** Everything, framings first, then payloads, then handlers, each kind by name. */
    public List<PluginInfo> all() {
        List<PluginInfo> all = new ArrayList<>();
        catalogs.forEach(catalog -> catalog.entries().values().forEach(entry -> all.add(entry.info())));
        return all;
    }

    /** One line per plugin that could not be loaded, each naming the jar and the reason. */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** The options after the name in {@code text} (none when {@code colon} is negative), naming whose they are. */
    private static Map<String, String> options(String kind, String name, String text, int colon) {
        try {
            return colon < 0 ? Map.of() : FramingSpec.parseOptions(text.substring(colon + 1));
        } catch (IllegalArgumentException malformed) {
            throw CreateErrors.named(kind, name, malformed);
        }
    }

    private static List<Path> jars(List<Path> folders, List<String> warnings) {
        Map<Path, Path> jars = new LinkedHashMap<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(file -> file.getFileName().toString().endsWith(".jar") && !Files.isDirectory(file))
                        .map(file -> file.toAbsolutePath().normalize())
                        .sorted(Comparator.comparing(file -> file.getFileName().toString()))
                        .forEach(jar -> jars.putIfAbsent(jar, jar));
            } catch (IOException e) {
                warnings.add("plugin folder " + folder.toAbsolutePath() + ": cannot list it: " + e.getMessage());
            }
        }
        return new ArrayList<>(jars.keySet());
    }

    private void loadJar(Path jar, ClassLoader spiOnly) {
        PluginJar plugin;
        try {
            plugin = PluginJar.open(jar, spiOnly);
        } catch (IOException e) {
            warnings.add("plugin " + jar + ": not a jar (zip) file: " + e.getMessage());
            return;
        }
        SpiCheck spi = SpiCheck.of(plugin.spiVersion());
        if (spi.warning() != null) {
            warnings.add("plugin " + jar + ": " + spi.warning());
        }
        if (!spi.load()) {
            try {
                plugin.close();
            } catch (IOException e) {
                // nothing was loaded from it; the file handle goes with the class loader
            }
            return;
        }
        int before = size();
        int warned = warnings.size();
        registerAll(plugin.loader(), jar.toString(), plugin.version());
        if (size() == before && warnings.size() == warned) {
            warnings.add("plugin " + jar + ": nothing for mtk in it (no META-INF/services/ file for "
                    + String.join(", ", catalogs.stream().map(catalog -> catalog.type().getName()).toList()) + ")");
        }
    }

    private int size() {
        return catalogs.stream().mapToInt(catalog -> catalog.entries().size()).sum();
    }

    private void registerAll(ClassLoader loader, String origin, String version) {
        catalogs.forEach(catalog -> register(catalog, loader, origin, version));
    }

    private <P extends Provider<?>> void register(Catalog<P> catalog, ClassLoader loader, String origin,
            String version) {
        Class<P> type = catalog.type();
        String kind = catalog.kind();
        Map<String, Entry<P>> registry = catalog.entries();
        Iterator<P> providers = ServiceLoader.load(type, loader).iterator();
        int errors = 0;
        while (errors < MAX_ERRORS_PER_JAR) {
            P provider;
            String name;
            String description;
            try {
                if (!providers.hasNext()) {
                    return;
                }
                provider = providers.next();
                name = provider.name();
                description = provider.description();
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                errors++;
                warnings.add("plugin " + origin + ": " + reason(type, e));
                continue;
            }
            Entry<P> taken = registry.get(name);
            if (name == null || !NAME.matcher(name).matches()) {
                warnings.add("plugin " + origin + ": " + kind + " " + provider.getClass().getName() + " has an invalid name '"
                        + name + "' (lower-case letters, digits, '.', '_' and '-')");
            } else if (taken != null && taken.info().origin().equals(PluginInfo.BUILT_IN)) {
                warnings.add("plugin " + origin + ": declares " + kind + " '" + name
                        + "', which is built in and cannot be replaced; ignored");
            } else if (taken != null) {
                warnings.add("plugin " + origin + ": declares " + kind + " '" + name + "', already provided by "
                        + taken.info().origin() + "; ignored");
            } else {
                registry.put(name, new Entry<>(provider, new PluginInfo(kind, name, version, origin,
                        description == null ? "" : description)));
            }
        }
    }

    /** What went wrong with a provider, on one line. */
    private static String reason(Class<?> type, Throwable error) {
        Throwable cause = error.getCause();
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        String prefix = type.getName() + ": ";
        if (message.startsWith(prefix)) {
            message = message.substring(prefix.length());
        }
        if (error instanceof ServiceConfigurationError && message.endsWith(" not found")) {
            return "class " + message.substring("Provider ".length(), message.length() - " not found".length())
                    + " listed in META-INF/services/" + type.getName() + " is missing";
        }
        if (error instanceof ServiceConfigurationError && cause != null) {
            Throwable root = cause;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return message.replace("Provider ", "") + ": " + root;
        }
        return message;
    }
}
