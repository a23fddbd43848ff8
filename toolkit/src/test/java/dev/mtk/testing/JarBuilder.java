package dev.mtk.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds small plugin jars during a test: Java sources compiled against the test's class path, service files, a
 * manifest version. Lets plugin tests use real jars without checking binaries in.
 */
public final class JarBuilder {
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> resources = new LinkedHashMap<>();
    private final List<Path> classPath = new ArrayList<>();
    private String version = "1.0.0";
    /** What a plugin built by the docs or the plugin POM says; {@code null} to leave the attribute out. */
    private String spiVersion = dev.mtk.spi.SpiVersion.CURRENT;

    /** A Java source file, e.g. {@code source("com.example.Upper", "package com.example; ...")}. */
    public JarBuilder source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** A {@code META-INF/services/TYPE} file listing {@code providers}. */
    public JarBuilder service(Class<?> type, String... providers) {
        resources.put("META-INF/services/" + type.getName(), String.join("\n", providers) + "\n");
        return this;
    }

    /** More class path to compile against, e.g. another jar this one depends on. */
    public JarBuilder classPath(Path jar) {
        classPath.add(jar);
        return this;
    }

    public JarBuilder version(String value) {
        version = value;
        return this;
    }

    /** The manifest's {@code Mtk-Spi-Version}; {@code null} for a jar that names none. */
    public JarBuilder spiVersion(String value) {
        spiVersion = value;
        return this;
    }

    /** Compiles and writes the jar to {@code jar}; returns it. */
    public Path build(Path jar) throws IOException {
        Path work = Files.createTempDirectory("jar-builder");
        Path src = work.resolve("src");
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-nowarn",
                "-cp", System.getProperty("java.class.path") + classPath.stream().map(p -> java.io.File.pathSeparator + p)
                        .reduce("", String::concat)));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (!sources.isEmpty() && compiler.run(null, null, null, arguments.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("test plugin sources did not compile: " + sources.keySet());
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        if (spiVersion != null) {
            manifest.getMainAttributes().put(new Attributes.Name(dev.mtk.spi.SpiVersion.MANIFEST_ATTRIBUTE), spiVersion);
        }
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
            for (Map.Entry<String, String> resource : resources.entrySet()) {
                out.putNextEntry(new JarEntry(resource.getKey()));
                write(out, resource.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The source of a payload codec called {@code name} whose description is {@code descriptionExpression}: a codec
     * without options, so its own provider ({@code create} returns itself).
     */
    public static String payloadCodec(String className, String name, String descriptionExpression, String constructorBody) {
        int dot = className.lastIndexOf('.');
        return "package " + className.substring(0, dot) + ";\n"
                + "public final class " + className.substring(dot + 1) + " implements dev.mtk.spi.PayloadProvider, dev.mtk.spi.PayloadCodec {\n"
                + "  public " + className.substring(dot + 1) + "() { " + constructorBody + " }\n"
                + "  public String name() { return \"" + name + "\"; }\n"
                + "  public String description() { return " + descriptionExpression + "; }\n"
                + "  public dev.mtk.spi.PayloadCodec create(dev.mtk.spi.Options options) { return this; }\n"
                + "  public byte[] parse(String text) { return text.toUpperCase().getBytes(java.nio.charset.StandardCharsets.UTF_8); }\n"
                + "  public Object decode(byte[] body) { return new String(body, java.nio.charset.StandardCharsets.UTF_8); }\n"
                + "  public String render(byte[] body) { return \"<\" + new String(body, java.nio.charset.StandardCharsets.UTF_8) + \">\"; }\n"
                + "}\n";
    }
}
