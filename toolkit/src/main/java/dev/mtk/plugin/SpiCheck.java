package dev.mtk.plugin;

import dev.mtk.spi.SpiVersion;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a plugin jar built for the SPI version its manifest names ({@value SpiVersion#MANIFEST_ATTRIBUTE}) can run
 * on this mtk's, and what to warn about. The SPI's promise decides: a minor release only adds, so a jar built for an
 * older or equal minor of the same major is fine; one built for a newer minor may use what is not here (loaded,
 * with a warning); another major may have removed or changed what the jar uses (skipped). A jar that names no
 * version predates the check (loaded, with a warning naming the attribute).
 *
 * @param load    whether to load the jar
 * @param warning what to tell the user after {@code plugin PATH: }, or {@code null} for nothing
 */
record SpiCheck(boolean load, String warning) {
    private static final Pattern VERSION = Pattern.compile("(\\d{1,9})\\.(\\d{1,9})");

    /** The verdict on a jar whose manifest names {@code declared} ({@code null} when it names none). */
    static SpiCheck of(String declared) {
        return of(declared, SpiVersion.MAJOR, SpiVersion.MINOR);
    }

    /** The verdict against SPI {@code major.minor}: what {@link #of(String)} does, for any version of mtk. */
    static SpiCheck of(String declared, int major, int minor) {
        String ours = "this mtk has SPI " + major + "." + minor;
        if (declared == null) {
            return new SpiCheck(true, "no " + SpiVersion.MANIFEST_ATTRIBUTE + " in its manifest, so the SPI version it "
                    + "was built for is unknown; " + ours + " (loaded)");
        }
        Matcher version = VERSION.matcher(declared.trim());
        if (!version.matches()) {
            return new SpiCheck(false, SpiVersion.MANIFEST_ATTRIBUTE + " '" + declared
                    + "' is not MAJOR.MINOR; " + ours + " (skipped)");
        }
        int theirMajor = Integer.parseInt(version.group(1));
        int theirMinor = Integer.parseInt(version.group(2));
        String theirs = "built for mtk SPI " + theirMajor + "." + theirMinor + "; " + ours;
        if (theirMajor != major) {
            return new SpiCheck(false, theirs + " (skipped)");
        }
        if (theirMinor > minor) {
            return new SpiCheck(true, theirs + " (loaded; what it uses of the newer SPI is missing here)");
        }
        return new SpiCheck(true, null);
    }
}
