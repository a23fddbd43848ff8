package dev.mtk.payload;

import dev.mtk.spi.PayloadCodec;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The payload codecs known by name, found with {@link ServiceLoader}. */
public final class PayloadCodecs {
    private static final PayloadCodecs BUILTIN = load(PayloadCodecs.class.getClassLoader());

    private final Map<String, PayloadCodec> byName;

    private PayloadCodecs(Map<String, PayloadCodec> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** The codecs visible to the toolkit's own class loader. */
    public static PayloadCodecs builtin() {
        return BUILTIN;
    }

    static PayloadCodecs load(ClassLoader loader) {
        Map<String, PayloadCodec> byName = new TreeMap<>();
        for (PayloadCodec codec : ServiceLoader.load(PayloadCodec.class, loader)) {
            byName.putIfAbsent(codec.name(), codec);
        }
        return new PayloadCodecs(byName);
    }

    /**
     * The codec called {@code name}.
     *
     * @throws IllegalArgumentException naming the known codecs when there is none by that name
     */
    public PayloadCodec named(String name) {
        PayloadCodec codec = byName.get(name);
        if (codec == null) {
            throw new IllegalArgumentException("unknown payload '" + name + "' (known: " + String.join(", ", byName.keySet()) + ")");
        }
        return codec;
    }

    public Collection<PayloadCodec> all() {
        return byName.values();
    }
}
