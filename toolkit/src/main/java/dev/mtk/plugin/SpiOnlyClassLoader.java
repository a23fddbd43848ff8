package dev.mtk.plugin;

import java.util.List;

/**
 * The parent of every plugin's class loader: the JDK, plus the packages a plugin talks to mtk through, from mtk's own
 * class loader. Everything else mtk carries (Jackson, Groovy, its internals) is invisible, so a plugin's bundled
 * libraries never clash with mtk's or another plugin's.
 */
final class SpiOnlyClassLoader extends ClassLoader {
    /** The SPI, MINA (framing decoders and encoders are MINA types) and SLF4J (MINA's logging, and the plugins'). */
    static final List<String> SHARED = List.of("dev.mtk.spi.", "org.apache.mina.", "org.slf4j.");

    private final ClassLoader mtk;

    SpiOnlyClassLoader(ClassLoader mtk) {
        super("mtk-spi", ClassLoader.getPlatformClassLoader());
        this.mtk = mtk;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        for (String prefix : SHARED) {
            if (name.startsWith(prefix)) {
                return mtk.loadClass(name);
            }
        }
        return super.loadClass(name, resolve);
    }
}
