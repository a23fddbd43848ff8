package dev.mtk.plugin;

import dev.mtk.spi.SpiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * One plugin jar: checked to be a jar, read for its version and the SPI version it was built for, and given its own
 * class loader.
 */
final class PluginJar {
    private final Path path;
    private final String version;
    private final String spiVersion;
    private final URLClassLoader loader;

    private PluginJar(Path path, String version, String spiVersion, URLClassLoader loader) {
        this.path = path;
        this.version = version;
        this.spiVersion = spiVersion;
        this.loader = loader;
    }

    /**
     * Opens {@code jar} with a class loader over it and the jars in the folder beside it named after it.
     *
     * @throws IOException when it is not a readable jar (zip) file; the message says why
     */
    static PluginJar open(Path jar, ClassLoader parent) throws IOException {
        String version;
        String spiVersion;
        try (JarFile file = new JarFile(jar.toFile())) {
            version = version(file);
            spiVersion = file.getManifest() == null ? null
                    : file.getManifest().getMainAttributes().getValue(SpiVersion.MANIFEST_ATTRIBUTE);
        }
        List<URL> urls = new ArrayList<>();
        urls.add(url(jar));
        urls.addAll(libraries(jar));
        URLClassLoader loader = new URLClassLoader("plugin " + jar.getFileName(), urls.toArray(URL[]::new), parent);
        return new PluginJar(jar, version, spiVersion, loader);
    }

    Path path() {
        return path;
    }

    String version() {
        return version;
    }

    /** The manifest's {@value SpiVersion#MANIFEST_ATTRIBUTE}, or {@code null} when it names none. */
    String spiVersion() {
        return spiVersion;
    }

    /** Lets go of the jar: for one that is skipped before anything of it was loaded. */
    void close() throws IOException {
        loader.close();
    }

    ClassLoader loader() {
        return loader;
    }

    /** The jars of {@code plugins/foo/} for {@code plugins/foo.jar}, in name order. */
    private static List<URL> libraries(Path jar) throws IOException {
        String name = jar.getFileName().toString();
        Path folder = jar.resolveSibling(name.substring(0, name.length() - ".jar".length()));
        List<URL> urls = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path library : files.filter(file -> file.toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(url(library));
                }
            }
        }
        return urls;
    }

    private static URL url(Path path) throws MalformedURLException {
        return path.toUri().toURL();
    }

    /** The manifest's Implementation-Version, else the version Maven recorded in the jar, else {@code unknown}. */
    private static String version(JarFile file) throws IOException {
        if (file.getManifest() != null) {
            String version = file.getManifest().getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
            if (version != null) {
                return version;
            }
        }
        for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements();) {
            JarEntry entry = entries.nextElement();
            if (entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("/pom.properties")) {
                try (InputStream in = file.getInputStream(entry)) {
                    Properties properties = new Properties();
                    properties.load(in);
                    return properties.getProperty("version", "unknown");
                }
            }
        }
        return "unknown";
    }
}
