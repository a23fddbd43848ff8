package dev.mtk.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/PLUGINS.md's first section, as a plugin author follows it: a project generated from mtk-plugin-archetype, built
 * with Maven offline (its own tests run), its jar dropped into a plugin folder and used through bin/mtk.
 *
 * <p>The nested Maven needs this build's mtk-parent, mtk-spi, mtk-testkit and archetype in a local repository, and
 * {@code mvn verify} installs nothing. So this test copies them from their modules' {@code target/} folders into an
 * empty temporary local repository, and runs the nested Maven with that as its local repository and the build's own
 * (where every third-party artifact already is) as a read-only tail behind it: Maven 3.9's chained local repository,
 * {@code -Dmaven.repo.local.tail}. Nothing is written to the build's repository, a stale mtk snapshot installed there
 * earlier is shadowed by this build's, and {@code -o} proves the author needs nothing beyond what mtk's build
 * downloaded. The nested Maven is the one running this build ({@code maven.home}), so it is 3.9 or later when the
 * build uses {@code ./mvnw}; an older one fails this test at once with one line saying so.
 */
class PluginArchetypeIT {
    private static final Path ROOT = Path.of(System.getProperty("mtk.root")).toAbsolutePath().normalize();
    private static final Path GUIDE = ROOT.resolve("docs/PLUGINS.md");
    private static final Path LAUNCHER = Path.of(System.getProperty("mtk.clone.launcher"));
    private static final String VERSION = System.getProperty("mtk.version");
    private static final String SPI_VERSION = System.getProperty("mtk.spi.version");
    /** What the guide's commands generate: the project folder, the plugin's name and the jar's version. */
    private static final String NAME = "greeter";
    /** A shell command's trailing comment, as the guide writes them. */
    private static final Pattern COMMENT = Pattern.compile("\\s+#\\s.*$");

    @TempDir
    static Path temp;

    private static Path plugins;
    private static Path jar;

    private record Result(int code, String out) {
    }

    @BeforeAll
    static void generateBuildAndDropInAsTheGuideSays() throws Exception {
        String mavenVersion = System.getProperty("mtk.maven.version");
        Matcher version = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(mavenVersion);
        if (!version.find() || Integer.parseInt(version.group(1)) * 1000 + Integer.parseInt(version.group(2)) < 3009) {
            throw new AssertionError("building a generated plugin needs Maven 3.9 or later (a chained local repository)"
                    + " and this build runs Maven " + mavenVersion + ": build mtk with ./mvnw");
        }
        Path repository = temp.resolve("repository");
        stage(repository, ".", "mtk-parent", false);
        stage(repository, "spi", "mtk-spi", true);
        stage(repository, "testkit", "mtk-testkit", true);
        stage(repository, "archetype", "mtk-plugin-archetype", true);

        Path work = Files.createDirectories(temp.resolve("work"));
        List<String> generate = guide("mvn -B org.apache.maven.plugins:maven-archetype-plugin:");
        assertThat(generate).contains("-DarchetypeVersion=" + VERSION, "-DartifactId=" + NAME);
        maven(work, repository, generate.subList(1, generate.size()));
        Path project = work.resolve(guide("cd " + NAME).get(1));
        maven(project, repository, guide("mvn -B package").subList(1, 3));

        plugins = Files.createDirectories(temp.resolve("plugins"));
        Path built = project.resolve(guide("cp target/").get(1));
        jar = Files.copy(built, plugins.resolve(built.getFileName()));
    }

    @Test
    void theGeneratedJarNamesTheSpiVersionItWasBuiltAgainst() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Mtk-Spi-Version")).isEqualTo(SPI_VERSION);
        }
    }

    @Test
    void mtkPluginsListsTheGeneratedHandlerAndPayloadCodecFromTheirJar() throws Exception {
        Result listed = mtk(List.of("plugins", "--plugins", plugins.toString()));

        assertThat(listed.code()).as(listed.out()).isZero();
        String origin = " +1\\.0-SNAPSHOT +" + Pattern.quote(jar.toString());
        assertThat(listed.out()).containsPattern("handler +" + NAME + origin)
                .containsPattern("payload +" + NAME + origin).doesNotContain("warning");
    }

    @Test
    void theGeneratedHandlerAndPayloadCodecServeAClientAsTheGuideShows() throws Exception {
        List<String> server = guide("mtk server --handler ");
        String[] args = withPlugins(server.subList(2, server.size()));
        try (ServerProcess started = ServerProcess.quiet(LAUNCHER, temp, args)) {
            Result client = mtk(onPort(guide("mtk client "), started));

            assertThat(client.code()).as(client.out()).isZero();
            assertThat(client.out()).contains("sent 21 B (body 10 B): hello", "acknowledged: HELLO 21 B (body 10 B)");
        }
    }

    @Test
    void aBadOptionOfTheGeneratedHandlerStopsTheServerWithOneLineNamingIt() throws Exception {
        Result server = mtk(List.of("server", "-p", "0", "--plugins", plugins.toString(), "--handler",
                NAME + ":locale=not_a_tag"));

        assertThat(server.code()).isEqualTo(2);
        assertThat(server.out()).startsWith("mtk server: handler " + NAME
                + ": locale must be a language tag such as tr or de-CH: 'not_a_tag'\n");
    }

    /**
     * The words of the one command line of the guide's first section that starts with {@code start}, its comment and
     * a trailing {@code &} left out and single quotes taken off (the guide's commands quote no spaces).
     */
    private static List<String> guide(String start) throws IOException {
        String text = Files.readString(GUIDE);
        int section = text.indexOf("## Start from the archetype");
        assertThat(section).as("the section 'Start from the archetype' of %s", GUIDE).isNotNegative();
        int next = text.indexOf("\n## ", section + 1);
        List<String> lines = text.substring(section, next < 0 ? text.length() : next).lines()
                .filter(line -> line.startsWith(start)).toList();
        assertThat(lines).as("lines of %s's first section starting with '%s'", GUIDE, start).hasSize(1);
        String line = COMMENT.matcher(lines.get(0)).replaceFirst("").replaceFirst("\\s*&$", "");
        return List.of(line.split(" +")).stream()
                .map(word -> word.length() > 1 && word.startsWith("'") && word.endsWith("'")
                        ? word.substring(1, word.length() - 1) : word)
                .toList();
    }

    /** The plugin folder first, where the guide copied the jar into {@code $MTK_HOME/plugins}. */
    private static String[] withPlugins(List<String> args) {
        List<String> all = new ArrayList<>(List.of("--plugins", plugins.toString()));
        all.addAll(args);
        return all.toArray(String[]::new);
    }

    /** A guide's {@code mtk client ...} line, to the started server and with the plugin folder. */
    private static List<String> onPort(List<String> guideLine, ServerProcess server) {
        List<String> args = new ArrayList<>(List.of(guideLine.get(1), "-p", String.valueOf(server.port()),
                "--plugins", plugins.toString()));
        args.addAll(guideLine.subList(2, guideLine.size()));
        return args;
    }

    /** Puts a module's pom, and its jar when it has one, where a local repository keeps them, as mvn install would. */
    private static void stage(Path repository, String module, String artifactId, boolean hasJar) throws IOException {
        Path dir = ROOT.resolve(module);
        Path folder = Files.createDirectories(repository.resolve("dev/mtk").resolve(artifactId).resolve(VERSION));
        Files.copy(dir.resolve("pom.xml"), folder.resolve(artifactId + "-" + VERSION + ".pom"));
        if (hasJar) {
            Path built = dir.resolve("target").resolve(artifactId + "-" + VERSION + ".jar");
            if (!Files.isRegularFile(built)) {
                throw new AssertionError(built + " is missing: package the whole build first (mvn package in " + ROOT
                        + ")");
            }
            Files.copy(built, folder.resolve(built.getFileName()));
        }
    }

    /** Runs the Maven running this build, batch and offline, in {@code dir}, on the staged repository first. */
    private static void maven(Path dir, Path repository, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("mtk.maven.home"), "bin", "mvn").toString(), "-B", "-o",
                "-Dmaven.repo.local=" + repository, "-Dmaven.repo.local.tail=" + buildRepositories()));
        command.addAll(args);
        Path log = Files.createTempFile(temp, "maven", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The JDK running this test, not whatever JAVA_HOME the shell had; and no MAVEN_ARGS of the outer build.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MAVEN_ARGS");
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("%s finished", command).isTrue();
        assertThat(process.exitValue()).as("%s in %s:%n%s", command, dir, Files.readString(log)).isZero();
    }

    /**
     * The build's local repository, and the tail behind it when the build itself runs on a chained one (Maven leaves
     * {@code ${maven.repo.local.tail}} as it is when it is not set).
     */
    private static String buildRepositories() {
        String tail = System.getProperty("mtk.maven.repo.tail", "");
        String repository = System.getProperty("mtk.maven.repo");
        return tail.isBlank() || tail.startsWith("${") ? repository : repository + "," + tail;
    }

    /** Runs bin/mtk to its end, or stops it after a minute (a server that should have refused to start). */
    private static Result mtk(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(args);
        Path out = Files.createTempFile(temp, "mtk", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        } finally {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
