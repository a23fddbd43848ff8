package dev.mtk.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built distribution, run as users run it: the tar.gz unpacked into an empty folder, and the launcher in the
 * clone. Both start a real JVM through bin/mtk.
 */
class DistributionIT {
    private static final Path ARCHIVE = Path.of(System.getProperty("mtk.archive"));
    private static final Path CLONE_LAUNCHER = Path.of(System.getProperty("mtk.clone.launcher"));
    private static final Path DOCS = Path.of(System.getProperty("mtk.docs"));

    @TempDir
    Path temp;

    private record Result(int code, String out, String err) {
    }

    private Result run(Path launcher, String... args) throws IOException, InterruptedException {
        return run(Map.of(), launcher, args);
    }

    private Result run(Map<String, String> env, Path launcher, String... args) throws IOException, InterruptedException {
        return run(env, Path.of("/dev/null"), launcher, args);
    }

    private Result run(Map<String, String> env, Path input, Path launcher, String... args)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process = builder
                .redirectInput(ProcessBuilder.Redirect.from(input.toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private Path unpack() throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "-xzf", ARCHIVE.toString(), "-C", temp.toString())
                .redirectErrorStream(true).start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        try (var entries = Files.list(temp)) {
            return entries.filter(path -> path.getFileName().toString().startsWith("mtk-")).findFirst().orElseThrow();
        }
    }

    @Test
    void archiveHoldsTheLauncherLibrariesAndFolders() throws Exception {
        Path home = unpack();

        assertThat(home.resolve("bin/mtk")).isExecutable();
        assertThat(home.resolve("plugins")).isDirectory();
        assertThat(home.resolve("scripts")).isDirectory();
        assertThat(home.resolve("README.md")).isRegularFile();
        try (var jars = Files.list(home.resolve("lib"))) {
            assertThat(jars.map(jar -> jar.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("mtk-toolkit-"))
                    .anyMatch(name -> name.startsWith("mina-core-"));
        }
    }

    @Test
    void unpackedLauncherRunsTheDemo() throws Exception {
        Path home = unpack();

        Result result = run(home.resolve("bin/mtk"), "demo");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("listening on 127.0.0.1:", " server ", " client ",
                "acknowledged: \"我收到了\"", "confirmed: \"ok\"").endsWith("send over\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void theConversationIsLoggedByTheDistributionsConfigurationNotTheLibrarys() throws Exception {
        Path home = unpack();

        Result result = run(home.resolve("bin/mtk"), "demo");

        assertThat(home.resolve("conf/logback.xml")).isRegularFile();
        try (var toolkit = new java.util.zip.ZipFile(lib(home, "mtk-toolkit-").toFile())) {
            assertThat(toolkit.getEntry("logback.xml")).as("logback.xml in the toolkit jar").isNull();
        }
        // Every line but the demo's own first and last (printed, not logged) is a conversation line in conf/'s pattern.
        assertThat(result.out().lines().filter(line -> !line.startsWith("listening on ") && !line.equals("send over")))
                .hasSizeGreaterThan(5)
                .allMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} (server|client) .*"),
                        "a conversation line: date, time, logger, message");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void archiveHoldsMtksLicenceAndListsTheLicenceOfEveryLibraryItShips() throws Exception {
        Path home = unpack();
        String thirdParty = Files.readString(home.resolve("THIRD-PARTY.txt"), StandardCharsets.UTF_8);

        assertThat(home.resolve("LICENSE")).content(StandardCharsets.UTF_8)
                .contains("Apache License", "Version 2.0, January 2004", "END OF TERMS AND CONDITIONS");
        List<String> unlisted = new java.util.ArrayList<>();
        for (String folder : List.of("lib", "sdk", "plugins")) {
            try (var jars = Files.list(home.resolve(folder))) {
                for (Path jar : jars.filter(path -> path.toString().endsWith(".jar")).sorted().toList()) {
                    String name = jar.getFileName().toString();
                    if (!name.startsWith("mtk-") && !thirdParty.contains(name)) {
                        unlisted.add(folder + "/" + name);
                    }
                    for (String bundled : bundledLibraries(jar)) {
                        if (!thirdParty.contains(bundled)) {
                            unlisted.add(folder + "/" + name + " bundles " + bundled);
                        }
                    }
                }
            }
        }
        assertThat(unlisted).as("missing from THIRD-PARTY.txt").isEmpty();
    }

    /** {@code group:artifact:version} of each library whose classes a plugin jar holds (its META-INF/maven entries). */
    private static List<String> bundledLibraries(Path jar) throws IOException {
        List<String> bundled = new java.util.ArrayList<>();
        if (!jar.getParent().getFileName().toString().equals("plugins")) {
            return bundled;
        }
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            for (var entry : java.util.Collections.list(zip.entries())) {
                if (entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("/pom.properties")) {
                    java.util.Properties pom = new java.util.Properties();
                    try (var in = zip.getInputStream(entry)) {
                        pom.load(in);
                    }
                    if (!pom.getProperty("groupId").equals("dev.mtk")) {
                        bundled.add(pom.getProperty("groupId") + ":" + pom.getProperty("artifactId") + ":"
                                + pom.getProperty("version"));
                    }
                }
            }
        }
        return bundled;
    }

    private static Path lib(Path home, String prefix) throws IOException {
        try (var jars = Files.list(home.resolve("lib"))) {
            return jars.filter(jar -> jar.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }

    @Test
    void unpackedLauncherRunsTheShippedHandshakeScript() throws Exception {
        Path home = unpack();

        Result result = run(home.resolve("bin/mtk"), "run", home.resolve("scripts/handshake.groovy").toString(), "seed");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains(" script 1. server listening on 127.0.0.1:", "acknowledged: 我收到了 12 B",
                "confirmed: ok 2 B", " script send over\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void unpackedLauncherReportsAUsageErrorWithExitTwo() throws Exception {
        Result result = run(unpack().resolve("bin/mtk"), "client", "--port", "none");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("mtk client: invalid --port 'none'");
    }

    @Test
    void unpackedLauncherRunsAReplTranscriptFromAPipeAndExitsOneWhenALineFails() throws Exception {
        Path home = unpack();
        Path transcript = Files.writeString(temp.resolve("check.mtk"), "= 6 * 7\nconnect 127.0.0.1:1\nhelp quit\n");

        Result result = run(Map.of(), transcript, home.resolve("bin/mtk"), "repl");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).isEqualTo("42\nquit\n  close every session and leave (also Ctrl-D)\n");
        assertThat(result.err()).isEqualTo("mtk repl: line 2: cannot connect to 127.0.0.1:1: connection refused\n");
    }

    @Test
    void aServerOutOfMemoryExitsWithOneLineSayingWhy() throws Exception {
        Path home = unpack();
        Path hog = Files.writeString(temp.resolve("hog.groovy"),
                "def hoard = []\nonMessage { msg -> while (true) { hoard << new byte[1024 * 1024] } }\n");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/mtk").toString(), "server", "-p", "0", "--script",
                hog.toString()).redirectError(temp.resolve("server-err.txt").toFile());
        builder.environment().put("MTK_JAVA_OPTS", "-Xmx32m");
        Process server = builder.start();
        try {
            String listening = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            String port = listening.replaceAll("^listening on 127\\.0\\.0\\.1:(\\d+) .*$", "$1");

            run(home.resolve("bin/mtk"), "client", "-p", port, "-e", "{}", "--timeout", "30");

            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server exited").isTrue();
            assertThat(server.exitValue()).isNotZero();
            assertThat(Files.readString(temp.resolve("server-err.txt"), StandardCharsets.UTF_8))
                    .isEqualTo("Terminating due to java.lang.OutOfMemoryError: Java heap space\n");
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void cloneLauncherRunsTheBuiltDistribution() throws Exception {
        Result result = run(CLONE_LAUNCHER, "--version");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("mtk ");
    }

    @Test
    void archiveShipsTheExamplePluginsAndTheSdk() throws Exception {
        Path home = unpack();

        Result result = run(home.resolve("bin/mtk"), "plugins");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out())
                .containsPattern("framing +varint +\\S+ +" + home.resolve("plugins") + "/mtk-plugin-varint-\\S+\\.jar")
                .containsPattern("payload +cbor +\\S+ +" + home.resolve("plugins") + "/mtk-plugin-cbor-\\S+\\.jar");
        try (var jars = Files.list(home.resolve("sdk"))) {
            assertThat(jars.map(jar -> jar.getFileName().toString()))
                    .anyMatch(name -> name.matches("mtk-spi-.*\\.jar"))
                    .anyMatch(name -> name.matches("mtk-testkit-.*\\.jar"))
                    .anyMatch(name -> name.startsWith("mina-core-"));
        }
    }

    @Test
    void theSdkHoldsTheSpisJavadocAndSources() throws Exception {
        assertJavadocAndSources(unpack().resolve("sdk"), "mtk-spi", "dev/mtk/spi/Handler");
    }

    @Test
    void theSdkHoldsTheTestKitsJavadocAndSources() throws Exception {
        assertJavadocAndSources(unpack().resolve("sdk"), "mtk-testkit", "dev/mtk/testkit/FramingHarness");
    }

    /** {@code sdk} holds one javadoc and one sources jar of {@code artifact}, with {@code type}'s page and source. */
    private static void assertJavadocAndSources(Path sdk, String artifact, String type) throws IOException {
        Path javadoc = onlyJar(sdk, artifact, "javadoc");
        Path sources = onlyJar(sdk, artifact, "sources");
        try (ZipFile docs = new ZipFile(javadoc.toFile()); ZipFile code = new ZipFile(sources.toFile())) {
            assertThat(docs.getEntry(type + ".html")).as(type + "'s page in " + javadoc).isNotNull();
            assertThat(code.getEntry(type + ".java")).as(type + "'s source in " + sources).isNotNull();
        }
    }

    private static Path onlyJar(Path folder, String artifact, String classifier) throws IOException {
        Pattern name = Pattern.compile(Pattern.quote(artifact) + "-\\d.*-" + classifier + "\\.jar");
        try (var jars = Files.list(folder)) {
            List<Path> found = jars.filter(jar -> name.matcher(jar.getFileName().toString()).matches()).toList();
            assertThat(found).as("%s's %s jar in %s", artifact, classifier, folder).hasSize(1);
            return found.get(0);
        }
    }

    @Test
    void shippedPluginsCarryAnExchange() throws Exception {
        Path mtk = unpack().resolve("bin/mtk");

        Result cbor = run(mtk, "demo", "--payload", "cbor");
        Result varint = run(mtk, "demo", "--framing", "varint");

        assertThat(cbor.code()).as(cbor.err()).isZero();
        assertThat(cbor.out()).contains("payload cbor", "received", "\"Name\":\"Joel\"", "confirmed: \"ok\"");
        assertThat(varint.code()).as(varint.err()).isZero();
        assertThat(varint.out()).contains("framing varint", "received 64 B (body 63 B)", "confirmed: \"ok\" 5 B");
    }

    @Test
    void pluginJarsInAnotherFolderAreFoundThroughTheFlagAndTheEnvironment() throws Exception {
        Path home = unpack();
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        try (var jars = Files.list(home.resolve("plugins"))) {
            for (Path jar : jars.filter(path -> path.toString().endsWith(".jar")).toList()) {
                Files.move(jar, elsewhere.resolve(jar.getFileName()));
            }
        }
        Path mtk = home.resolve("bin/mtk");

        Result without = run(mtk, "demo", "--payload", "cbor");
        Result flag = run(mtk, "demo", "--plugins", elsewhere.toString(), "--payload", "cbor", "--framing", "varint");
        Result env = run(Map.of("MTK_PLUGINS", elsewhere.toString()), mtk, "demo", "--payload", "cbor");

        assertThat(without.code()).isEqualTo(2);
        assertThat(without.err()).startsWith("mtk demo: unknown payload 'cbor' (known: bytes, json, text)");
        assertThat(flag.code()).as(flag.err()).isZero();
        assertThat(flag.out()).contains("framing varint, payload cbor", "received 48 B (body 47 B)", "confirmed: \"ok\"");
        assertThat(env.code()).as(env.err()).isZero();
        assertThat(env.out()).contains("payload cbor", "confirmed: \"ok\"");
    }

    /**
     * docs/PLUGINS.md's "Test it" quotes the shipped plugins' tests: each java block, in the pieces its
     * {@code // ...} lines separate, is in the test file named just before it, so the quotes cannot drift.
     */
    @Test
    void thePluginGuideQuotesThePluginsTestsAsTheyAre() throws Exception {
        String guide = Files.readString(DOCS.resolve("PLUGINS.md"));
        String section = guide.substring(guide.indexOf("## Test it"));
        Matcher quote = Pattern.compile("\\(`(plugins/[^`]+\\.java)`[^\\n]*\\n*```java\\n(.*?)```", Pattern.DOTALL)
                .matcher(section);
        int quotes = 0;
        while (quote.find()) {
            String source = Files.readString(DOCS.resolve("..").resolve(quote.group(1)));
            for (String piece : quote.group(2).split("\\n *// \\.\\.\\.\\n")) {
                assertThat(source).as("quoted from %s", quote.group(1)).contains(piece.strip());
            }
            quotes++;
        }
        assertThat(quotes).isEqualTo(2);
    }

    /** Follows docs/PLUGINS.md: build the Base64 example with javac against sdk/, drop it in, list it, use it. */
    @Test
    void thePluginGuideWorksAsWritten() throws Exception {
        Path home = unpack();
        Path example = DOCS.resolve("plugin-example/base64");
        Path source = example.resolve("src/com/example/base64/Base64PayloadCodec.java");
        assertThat(Files.readString(DOCS.resolve("PLUGINS.md"))).contains(Files.readString(source).strip());
        assertThat(Files.readAllLines(source)).hasSizeLessThan(40);

        Path build = temp.resolve("build");
        exec(temp, jdkTool("javac"), "--release", "17", "-cp", home.resolve("sdk") + "/*", "-d", build.toString(), source.toString());
        exec(temp, jdkTool("jar"), "--create", "--file", home.resolve("plugins/base64.jar").toString(), "--manifest",
                example.resolve("manifest.txt").toString(), "-C", build.toString(), ".",
                "-C", example.resolve("src").toString(), "META-INF");

        Result listed = run(home.resolve("bin/mtk"), "plugins");
        assertThat(listed.out()).containsPattern("payload +base64 +unknown +" + home.resolve("plugins/base64.jar")
                + " +UTF-8 text, Base64-encoded on the wire");

        Process server = new ProcessBuilder(home.resolve("bin/mtk").toString(), "server", "-p", "0", "--payload", "base64")
                .redirectErrorStream(true).start();
        try {
            java.io.BufferedReader lines = new java.io.BufferedReader(
                    new java.io.InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String first = lines.readLine();
            java.util.regex.Matcher port = java.util.regex.Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(first);
            assertThat(port.find()).as(first).isTrue();

            Result client = run(home.resolve("bin/mtk"), "client", "-p", port.group(1), "--payload", "base64", "-e", "hello");
            assertThat(client.code()).as(client.err()).isZero();
            assertThat(client.out()).contains("sent 19 B (body 8 B): hello", "acknowledged: 我收到了");

            String line;
            while ((line = lines.readLine()) != null && !line.contains("received")) {
                continue;
            }
            assertThat(line).contains("received 19 B (body 8 B): hello");
            server.destroy();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).as("exit code after SIGTERM").isZero();
        } finally {
            server.destroyForcibly();
        }
    }

    private static String jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /** Follows docs/PLUGINS.md's "write a handler": the counter example, built with javac, served, answering. */
    @Test
    void theHandlerExampleWorksAsWritten() throws Exception {
        Path home = unpack();
        Path example = DOCS.resolve("plugin-example/counter");
        Path source = example.resolve("src/com/example/counter/CounterHandlerProvider.java");
        assertThat(Files.readString(DOCS.resolve("PLUGINS.md"))).contains(Files.readString(source).strip());
        assertThat(Files.readAllLines(source)).hasSizeLessThan(50);
        Path build = temp.resolve("counter-build");
        exec(temp, jdkTool("javac"), "--release", "17", "-cp", home.resolve("sdk") + "/*", "-d", build.toString(),
                source.toString());
        exec(temp, jdkTool("jar"), "--create", "--file", home.resolve("plugins/counter.jar").toString(), "--manifest",
                example.resolve("manifest.txt").toString(), "-C",
                build.toString(), ".", "-C", example.resolve("src").toString(), "META-INF");
        Path mtk = home.resolve("bin/mtk");

        try (ServerProcess server = ServerProcess.quiet(mtk, temp, "--handler", "counter:label=hits")) {
            Result client = run(mtk, "client", "-p", String.valueOf(server.port()), "-e", "{}", "-e", "{}");

            assertThat(client.code()).as(client.err()).isZero();
            assertThat(client.out()).contains("acknowledged: {\"hits\":1,\"total\":1}",
                    "acknowledged: {\"hits\":2,\"total\":2}");
        }
    }

    @Test
    void aClientWhoseStandardInputIsEmptySendsTheSeedSample() throws Exception {
        try (ServerProcess server = ServerProcess.quiet(CLONE_LAUNCHER, temp)) {
            Result result = run(Map.of(), Path.of("/dev/null"), CLONE_LAUNCHER, "client", "-p",
                    String.valueOf(server.port()));

            assertThat(result.code()).as(result.err()).isZero();
            assertThat(result.out()).contains("\"Name\":\"Joel\"").endsWith("send over\n");
            assertThat(result.err()).isEmpty();
        }
    }

    @Test
    void aClientSendsAPrettyPrintedDocumentOnStandardInputAsOneMessage() throws Exception {
        Path pretty = Files.writeString(temp.resolve("pretty.json"), "{\n  \"a\": [\n    1,\n    2\n  ]\n}\n");
        try (ServerProcess server = ServerProcess.quiet(CLONE_LAUNCHER, temp)) {
            Result result = run(Map.of(), pretty, CLONE_LAUNCHER, "client", "-p", String.valueOf(server.port()));

            assertThat(result.code()).as(result.err()).isZero();
            assertThat(result.out()).contains("(body 11 B): {\"a\":[1,2]}").endsWith("send over\n");
        }
    }

    @Test
    void everyShippedPluginNamesTheSpiVersionItWasBuiltAgainst() throws Exception {
        List<Path> jars;
        try (var files = Files.list(unpack().resolve("plugins"))) {
            jars = files.filter(path -> path.toString().endsWith(".jar")).toList();
        }

        assertThat(jars).hasSize(3).allSatisfy(jar -> {
            try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
                assertThat(file.getManifest().getMainAttributes().getValue("Mtk-Spi-Version")).as("%s", jar)
                        .isEqualTo(System.getProperty("mtk.spi.version"));
            }
        });
    }

    @Test
    void theGroovyKvMockAndTheCompiledKvHandlerPassTheSameScenario() throws Exception {
        Path home = unpack();
        Path mtk = home.resolve("bin/mtk");
        Path check = home.resolve("scripts/kv-check.groovy");

        Result listed = run(mtk, "plugins");
        assertThat(listed.out()).containsPattern("handler +kv +\\S+ +" + home.resolve("plugins")
                + "/mtk-plugin-kv-handler-\\S+\\.jar");
        try (ServerProcess groovy = ServerProcess.quiet(mtk, temp, "--script",
                        home.resolve("scripts/kv-server.groovy").toString());
                ServerProcess java = ServerProcess.quiet(mtk, temp, "--handler", "kv")) {
            Result againstGroovy = run(mtk, "run", check.toString(), "127.0.0.1:" + groovy.port());
            Result againstJava = run(mtk, "run", check.toString(), "127.0.0.1:" + java.port());

            assertThat(againstGroovy.code()).as(againstGroovy.err()).isZero();
            assertThat(againstGroovy.out()).contains("kv protocol checked against 127.0.0.1:" + groovy.port());
            assertThat(againstJava.code()).as(againstJava.err()).isZero();
            assertThat(againstJava.out()).contains("kv protocol checked against 127.0.0.1:" + java.port());
        }
    }

    @Test
    void benchStoppedBySigtermPrintsWhatItMeasuredAndExitsZero() throws Exception {
        Path mtk = unpack().resolve("bin/mtk");
        Process server = new ProcessBuilder(mtk.toString(), "server", "-p", "0").redirectErrorStream(true).start();
        Process bench = null;
        try {
            java.io.BufferedReader lines = new java.io.BufferedReader(
                    new java.io.InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            java.util.regex.Matcher port = java.util.regex.Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)")
                    .matcher(String.valueOf(lines.readLine()));
            assertThat(port.find()).isTrue();
            Path out = temp.resolve("bench.out");
            bench = new ProcessBuilder(mtk.toString(), "bench", "-p", port.group(1), "-c", "1", "-d", "10m")
                    .redirectOutput(out.toFile()).redirectError(temp.resolve("bench.err").toFile()).start();
            String line;
            while ((line = lines.readLine()) != null && !line.contains("received")) {
                continue;
            }
            assertThat(line).as("the server's log").isNotNull();
            Thread drain = new Thread(() -> { // the server logs every message: keep its pipe from filling up
                try {
                    lines.transferTo(java.io.Writer.nullWriter());
                } catch (IOException e) {
                    // the server was stopped
                }
            });
            drain.setDaemon(true);
            drain.start();

            bench.destroy();

            assertThat(bench.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(bench.exitValue()).as(Files.readString(temp.resolve("bench.err"))).isZero();
            assertThat(Files.readString(out)).containsPattern("(?m)^messages +[\\d,]+$")
                    .containsPattern("(?m)^stopped +after [\\d.]+ s \\(SIGINT or SIGTERM\\)$");
        } finally {
            if (bench != null) {
                bench.destroyForcibly();
            }
            server.destroyForcibly();
        }
    }

    private static void exec(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }
}
