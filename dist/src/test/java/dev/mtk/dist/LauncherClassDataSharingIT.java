package dev.mtk.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/mtk's class-data sharing archive (cache/mtk.jsa) in an unpacked distribution: made once in the background by
 * the first run, mapped by the next, and whatever state it is in (absent, cut short, damaged, from elsewhere) the
 * command works and prints nothing about it. One install for the class: the training takes seconds.
 */
class LauncherClassDataSharingIT {
    private static final Path ARCHIVE = Path.of(System.getProperty("mtk.archive"));

    @TempDir
    static Path temp;

    private static Path home;
    private static Path trained;

    private record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void unpackAndTrain() throws Exception {
        Process tar = new ProcessBuilder("tar", "-xzf", ARCHIVE.toString(), "-C", temp.toString())
                .redirectErrorStream(true).start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).isZero();
        try (var entries = Files.list(temp)) {
            home = entries.filter(path -> path.getFileName().toString().startsWith("mtk-")).findFirst().orElseThrow();
        }
        assertThat(help(Map.of()).err()).isEmpty();
        awaitTrainingOver();
        trained = temp.resolve("trained.jsa");
        Files.copy(archive(), trained);
    }

    /** Each test starts from the archive the first run made, with the size recorded beside it. */
    @BeforeEach
    void restoreTrainedArchive() throws IOException {
        awaitTrainingOver();
        Files.copy(trained, archive(), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(archiveSize(), Files.size(trained) + "\n");
    }

    private static Path archive() {
        return home.resolve("cache/mtk.jsa");
    }

    private static Path archiveSize() {
        return home.resolve("cache/mtk.jsa.size");
    }

    /** The training holds cache/training/ until its archive is in place (or it gave up). */
    private static void awaitTrainingOver() {
        await().atMost(Duration.ofMinutes(2)).until(() -> !Files.exists(home.resolve("cache/training")));
    }

    private static Result help(Map<String, String> env) throws IOException, InterruptedException {
        // Not --version itself, which the launcher runs without the archive.
        return run(env, "help", "client");
    }

    private static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/mtk").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile());
        builder.environment().put("MTK_CDS", "on");
        builder.environment().putAll(env);
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void assertWorkedQuietly(Result result) {
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("mtk client");
        assertThat(result.code()).isZero();
        assertThat(temp).isDirectoryNotContaining("glob:**/hs_err_pid*");
    }

    @Test
    void firstRunLeavesAnArchiveAndItsSize() throws IOException {
        assertThat(Files.size(trained)).isPositive();
        assertThat(home.resolve("cache")).isDirectoryNotContaining("glob:**/training");
    }

    @Test
    void archiveIsMappedWhenPresent() throws Exception {
        // -Xshare:on after the launcher's -Xshare:auto: the JVM refuses to start unless it maps the archive.
        assertWorkedQuietly(help(Map.of("MTK_JAVA_OPTS", "-Xshare:on")));
    }

    @Test
    void absentArchiveIsMadeAgainWithoutAWord() throws Exception {
        Files.delete(archive());
        Files.delete(archiveSize());

        assertWorkedQuietly(help(Map.of()));
        awaitTrainingOver();
        assertThat(archive()).isRegularFile();
    }

    @Test
    void archiveCutShortIsRemovedRatherThanMapped() throws Exception {
        long cut;
        try (RandomAccessFile file = new RandomAccessFile(archive().toFile(), "rw")) {
            cut = file.length() / 2;
            file.setLength(cut);
        }

        assertWorkedQuietly(help(Map.of()));
        awaitTrainingOver();
        // Made again, whole, with its size beside it. Not the first training's size to the byte: two trainings may
        // archive a page more or less (29335552 B, then 29331456 B, in one full build).
        long remade = Files.size(archive());
        assertThat(remade).isGreaterThan(cut);
        assertThat(Files.readString(archiveSize(), StandardCharsets.UTF_8).trim()).isEqualTo(Long.toString(remade));
    }

    @Test
    void damagedArchiveIsIgnoredWithoutAWord() throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(archive().toFile(), "rw")) {
            file.seek(file.length() / 2);
            file.write(new byte[64]);
        }

        assertWorkedQuietly(help(Map.of()));
    }

    @Test
    void archiveOfAnotherClasspathIsIgnoredWithoutAWord() throws Exception {
        // The same archive after the install moved: Java 17 checks the classpath's absolute paths.
        Path moved = temp.resolve("moved");
        Files.createDirectories(moved);
        Process copy = new ProcessBuilder("cp", "-a", home.toString(), moved.toString()).start();
        assertThat(copy.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Path movedHome = moved.resolve(home.getFileName());
        // Copied jars have changed in the launcher's eyes; made newer, the archive goes to the JVM, which refuses it.
        Files.setLastModifiedTime(movedHome.resolve("cache/mtk.jsa"), java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().plusSeconds(60)));
        ProcessBuilder builder = new ProcessBuilder(movedHome.resolve("bin/mtk").toString(), "help", "client");
        builder.environment().put("MTK_CDS", "on");
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertWorkedQuietly(new Result(process.exitValue(), out, err));
    }

    @Test
    void changedLibraryMakesTheArchiveAgain() throws Exception {
        Path jar;
        try (var jars = Files.list(home.resolve("lib"))) {
            jar = jars.filter(path -> path.getFileName().toString().startsWith("mtk-toolkit-"))
                    .findFirst().orElseThrow();
        }
        // A rebuilt jar keeps its reproducible time, and may keep its size: only its status change time moves.
        java.nio.file.attribute.FileTime reproducible = Files.getLastModifiedTime(jar);
        Files.write(jar, Files.readAllBytes(jar));
        Files.setLastModifiedTime(jar, reproducible);
        java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(archive());

        assertWorkedQuietly(help(Map.of()));
        awaitTrainingOver();
        assertThat(Files.getLastModifiedTime(archive())).isGreaterThan(before);
    }

    @Test
    void offNeitherMapsNorMakesAnArchive() throws Exception {
        Files.delete(archive());

        assertWorkedQuietly(help(Map.of("MTK_CDS", "off")));
        assertThat(home.resolve("cache")).isDirectoryNotContaining("glob:**/training");
        assertThat(archive()).doesNotExist();
    }
}
