package dev.mtk.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clone's {@code ./mvnw}, run against a small fake Maven zip in a temp folder (a {@code file:} URL, so nothing
 * leaves the machine): it unpacks once, checks the digest, looks in the local repository first, and says what went
 * wrong on one line.
 */
class MavenWrapperIT {
    private static final Path LAUNCHER = Path.of(System.getProperty("mtk.clone.launcher")).toAbsolutePath().normalize();
    private static final Path WRAPPER = LAUNCHER.getParent().getParent().getParent().resolve("mvnw");
    private static final String FAKE_MVN = "#!/bin/sh\necho \"fake maven $*\"\n";

    @TempDir
    Path temp;
    private Path project;
    private Path zip;

    /** What one run of the wrapper left. */
    private record Run(int exitCode, String out, List<String> err) {
    }

    @BeforeEach
    void project() throws IOException {
        project = Files.createDirectories(temp.resolve("project"));
        Files.createDirectories(project.resolve(".mvn/wrapper"));
        Files.copy(WRAPPER, project.resolve("mvnw"));
        zip = temp.resolve("served/maven2/org/example/fake-maven/1/fake-maven-1-bin.zip");
        Files.createDirectories(zip.getParent());
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("fake-maven-1/bin/mvn"));
            out.write(FAKE_MVN.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    private void properties(String url, String digest) throws IOException {
        Files.writeString(project.resolve(".mvn/wrapper/maven-wrapper.properties"),
                "distributionUrl=" + url + "\ndistributionSha512=" + digest + "\n", StandardCharsets.UTF_8);
    }

    private Run wrapper(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", project.resolve("mvnw").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                .redirectOutput(temp.resolve("out.txt").toFile()).redirectError(temp.resolve("err.txt").toFile());
        builder.environment().put("MVNW_HOME", temp.resolve("home").toString());
        builder.environment().put("MVNW_REPOSITORY", temp.resolve("repository").toString());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("mvnw ended").isTrue();
        return new Run(process.exitValue(), Files.readString(temp.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readAllLines(temp.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private static String sha512(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(file)));
    }

    @Test
    void theWrapperRunsTheNamedMavenWithItsArguments() throws Exception {
        properties(zip.toUri().toString(), sha512(zip));

        Run run = wrapper("-B", "verify");

        assertThat(run.exitCode()).as("exit code; stderr %s", run.err()).isZero();
        assertThat(run.out()).isEqualTo("fake maven -B verify\n");
    }

    @Test
    void theDistributionIsFetchedOnceAndKeptUnderTheDigestsPrefix() throws Exception {
        String digest = sha512(zip);
        properties(zip.toUri().toString(), digest);
        wrapper("-v");
        Files.delete(zip);

        Run again = wrapper("-v");

        assertThat(again.exitCode()).as("exit code; stderr %s", again.err()).isZero();
        assertThat(again.err()).isEmpty();
        assertThat(temp.resolve("home/dists/fake-maven-1/" + digest.substring(0, 16) + "/bin/mvn")).isExecutable();
    }

    @Test
    void theZipInTheLocalRepositoryIsUsedInsteadOfDownloading() throws Exception {
        Path cached = temp.resolve("repository/org/example/fake-maven/1/fake-maven-1-bin.zip");
        Files.createDirectories(cached.getParent());
        Files.copy(zip, cached);
        // Port 1 on loopback: nothing listens, so a download would fail.
        properties("http://127.0.0.1:1/maven2/org/example/fake-maven/1/fake-maven-1-bin.zip", sha512(zip));

        Run run = wrapper("-v");

        assertThat(run.exitCode()).as("exit code; stderr %s", run.err()).isZero();
        assertThat(run.out()).isEqualTo("fake maven -v\n");
    }

    @Test
    void aZipWithAnotherDigestIsRefusedOnOneLineAndNotUnpacked() throws Exception {
        properties(zip.toUri().toString(), "0".repeat(128));

        Run run = wrapper("-v");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).last().asString().startsWith("mvnw: ").contains("has SHA-512 " + sha512(zip))
                .endsWith("not used");
        assertThat(temp.resolve("home/dists/fake-maven-1/0000000000000000")).doesNotExist();
        try (var left = Files.list(temp.resolve("home/dists/fake-maven-1"))) {
            assertThat(left).as("what the failed run left").isEmpty();
        }
    }

    @Test
    void aFailedDownloadIsOneLine() throws Exception {
        properties(temp.resolve("missing/fake-maven-1-bin.zip").toUri().toString(), sha512(zip));

        Run run = wrapper("-v");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).last().asString().startsWith("mvnw: download of file:").contains("failed: ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aDigestThatIsNotOneIsNamed() throws Exception {
        properties(zip.toUri().toString(), "abc");

        Run run = wrapper("-v");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).containsExactly("mvnw: distributionSha512 in "
                + project.resolve(".mvn/wrapper/maven-wrapper.properties") + " is not a SHA-512 (128 hex digits)");
    }
}
