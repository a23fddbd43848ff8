package dev.mtk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFileTest {
    @TempDir
    Path dir;

    @Test
    void aNewFileInAnExistingFolderCanBeWritten() {
        assertThat(OutputFile.problem(dir.resolve("new.hgrm"))).isNull();
    }

    @Test
    void anExistingFileCanBeOverwritten() throws Exception {
        assertThat(OutputFile.problem(Files.writeString(dir.resolve("old.hgrm"), "old"))).isNull();
    }

    @Test
    void aMissingFolderIsNamed() {
        assertThat(OutputFile.problem(dir.resolve("a/b/x.hgrm"))).isEqualTo("no such folder: " + dir.resolve("a/b"));
    }

    @Test
    void aFileUnderAFileSaysTheParentIsNotAFolder() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "");

        assertThat(OutputFile.problem(file.resolve("x.hgrm"))).isEqualTo("not a folder: " + file);
    }

    @Test
    void aFolderIsNotAnOutputFile() {
        assertThat(OutputFile.problem(dir)).isEqualTo("it is a folder");
    }

    @Test
    void aFailedWriteIsExplainedLikeTheCheckBeforeIt() {
        Path file = dir.resolve("gone/x.hgrm");

        assertThat(OutputFile.reason(file, new NoSuchFileException(file.toString())))
                .isEqualTo("no such folder: " + dir.resolve("gone"));
    }
}
