package dev.mtk.embed;

import dev.mtk.plugin.Registry;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How to speak, as both ends name it: the profile and the parts that override it, each as {@code --profile},
 * {@code --framing}, {@code --payload}, {@code --exchange} and {@code --correlate} take it. A client and a server must
 * be given the same words, so their builders share these setters rather than keep two copies that drift apart.
 * Names are only gathered here; the builder's {@code connect()} or {@code start()} checks them against the plugins,
 * which both load the same way: a jar the registry refuses is one warning in the log, never a silent absence.
 *
 * @param <B> the builder these setters return
 */
public abstract sealed class ProtocolBuilder<B extends ProtocolBuilder<B>> permits MtkClient.Builder,
        MtkServer.Builder {
    private static final Logger LOG = LoggerFactory.getLogger("mtk.embed");

    /** Name to value, in the order given, as {@link Registry#profile} reads them. */
    final Map<String, String> choice = new LinkedHashMap<>();
    private List<Path> plugins;

    ProtocolBuilder() {
    }

    /** A profile by name: {@code json} (the default), {@code seed}, {@code reply}. */
    public B profile(String name) {
        return choose("profile", name);
    }

    /** A framing as {@code --framing} takes it: {@code length-field:width=2,order=little}. */
    public B framing(String spec) {
        return choose("framing", spec);
    }

    /** A payload codec by name: {@code json}, {@code text}, {@code bytes}, a plugin's. */
    public B payload(String name) {
        return choose("payload", name);
    }

    /** An exchange by name: {@code seed}, {@code reply}, {@code oneway}. */
    public B exchange(String name) {
        return choose("exchange", name);
    }

    /** Pairs replies with requests by a JSON path ({@code $.id}) or header field. */
    public B correlate(String expression) {
        return choose("correlate", expression);
    }

    /** Folders of plugin jars whose framings, payloads and (for a server) handlers may be named. */
    public B plugins(Path... folders) {
        this.plugins = List.copyOf(Arrays.asList(folders));
        return self();
    }

    /** The built-in codecs, and the plugins' when {@link #plugins} was given, each jar refused logged as a warning. */
    Registry loadRegistry() {
        if (plugins == null) {
            return Registry.builtIn();
        }
        Registry registry = Registry.load(plugins);
        registry.warnings().forEach(LOG::warn);
        return registry;
    }

    private B choose(String key, String value) {
        choice.put(key, Objects.requireNonNull(value, key));
        return self();
    }

    private B self() {
        @SuppressWarnings("unchecked") // sealed: B is always the class itself
        B self = (B) this;
        return self;
    }
}
