package dev.mtk.embed;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to speak, as both ends name it: the profile and the parts that override it, each as {@code --profile},
 * {@code --framing}, {@code --payload}, {@code --exchange} and {@code --correlate} take it. A client and a server must
 * be given the same words, so their builders share these setters rather than keep two copies that drift apart.
 * Names are only gathered here; the builder's {@code connect()} or {@code start()} checks them against the plugins.
 *
 * @param <B> the builder these setters return
 */
public abstract sealed class ProtocolBuilder<B extends ProtocolBuilder<B>> permits MtkClient.Builder,
        MtkServer.Builder {
    /** Name to value, in the order given, as {@link dev.mtk.plugin.Registry#profile} reads them. */
    final Map<String, String> choice = new LinkedHashMap<>();

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

    private B choose(String key, String value) {
        choice.put(key, Objects.requireNonNull(value, key));
        @SuppressWarnings("unchecked") // sealed: B is always the class itself
        B self = (B) this;
        return self;
    }
}
