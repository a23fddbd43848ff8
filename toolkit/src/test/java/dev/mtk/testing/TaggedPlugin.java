package dev.mtk.testing;

import dev.mtk.plugin.Registry;
import dev.mtk.spi.FrameCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** The {@link TaggedFraming} as a plugin jar in a folder, and the codecs with it, as {@code --plugins} would load. */
public final class TaggedPlugin {
    private TaggedPlugin() {
    }

    /** The built-in codecs and {@code tagged}, from a jar written under {@code dir}. */
    public static Registry registry(Path dir) {
        Path plugins = dir.resolve("plugins");
        try {
            new JarBuilder().compiled(TaggedFraming.class)
                    .service(FrameCodec.class, TaggedFraming.class.getName())
                    .build(plugins.resolve("tagged.jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Registry codecs = Registry.load(List.of(plugins));
        if (!codecs.warnings().isEmpty()) {
            throw new IllegalStateException("the tagged plugin did not load: " + codecs.warnings());
        }
        return codecs;
    }
}
