package dev.mtk.wire;

import dev.mtk.spi.Framing;
import dev.mtk.spi.FramingProvider;
import dev.mtk.spi.Options;
import java.util.List;
import java.util.Map;

/**
 * A framing that is the {@code length-field} framing with some of its options fixed: a well-known protocol's shape
 * under a name ({@code memcached}, {@code mysql}, {@code postgres}). The user may give only the options the preset
 * leaves open; each preset is a subclass only because {@link java.util.ServiceLoader} needs a class per provider.
 */
abstract class PresetFramingProvider implements FramingProvider {
    private final String name;
    private final String description;
    private final Map<String, String> fixed;
    private final List<String> open;

    PresetFramingProvider(String name, String description, Map<String, String> fixed, List<String> open) {
        this.name = name;
        this.description = description;
        this.fixed = Map.copyOf(fixed);
        this.open = List.copyOf(open);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<String> options() {
        return open;
    }

    @Override
    public final Framing create(Options options) {
        return new LengthFieldFraming(LengthFieldFramingProvider.preset(fixed, options), options.limits());
    }
}
