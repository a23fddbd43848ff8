package dev.mtk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** mtk's version, as Maven wrote it into the jar. */
public final class MtkVersion {
    private MtkVersion() {
    }

    public static String current() {
        try (InputStream in = MtkVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
