package dev.mtk.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built distribution, run as users run it: the tar.gz unpacked into an empty folder, and the launcher in the
 * clone. Both start a real JVM through bin/mtk.
 */
class DistributionIT {
    private static final Path ARCHIVE = Path.of(System.getProperty("mtk.archive"));
    private static final Path CLONE_LAUNCHER = Path.of(System.getProperty("mtk.clone.launcher"));

    @TempDir
    Path temp;

    private record Result(int code, String out, String err) {
    }

    private Result run(Path launcher, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
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
    void unpackedLauncherReportsAUsageErrorWithExitTwo() throws Exception {
        Result result = run(unpack().resolve("bin/mtk"), "client", "--port", "none");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("mtk client: invalid --port 'none'");
    }

    @Test
    void cloneLauncherRunsTheBuiltDistribution() throws Exception {
        Result result = run(CLONE_LAUNCHER, "--version");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("mtk ");
    }
}
