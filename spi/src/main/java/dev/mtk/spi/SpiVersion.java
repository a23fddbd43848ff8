package dev.mtk.spi;

/**
 * The version of this SPI, {@code MAJOR.MINOR}, versioned on its own rather than with mtk. A minor release only adds
 * (new types, new default methods, new constants); a major release may remove or change what was there. mtk loads a
 * plugin jar built for its own major version (warning when the jar names a newer minor, or none), and refuses one
 * built for another major. Plugin jars name theirs in their manifest: {@value #MANIFEST_ATTRIBUTE}.
 *
 * @since 1.0
 */
public final class SpiVersion {
    /** Changes only when something plugins use is removed or changed. */
    public static final int MAJOR = 1;
    /** Changes when something is added; back to 0 with each major. */
    public static final int MINOR = 0;
    /** {@code MAJOR.MINOR}, as plugin manifests write it. */
    public static final String CURRENT = MAJOR + "." + MINOR;
    /** The manifest attribute that names the SPI version a plugin jar was built for. */
    public static final String MANIFEST_ATTRIBUTE = "Mtk-Spi-Version";

    private SpiVersion() {
    }
}
