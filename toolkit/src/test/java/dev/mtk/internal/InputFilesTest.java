package dev.mtk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
    @TempDir
    Path dir;

    @Test
    void aRegularFileIsAFile() throws Exception {
        assertThat(InputFiles.notAFile(Files.writeString(dir.resolve("a.txt"), "x"))).isNull();
    }

    @Test
    void aFolderIsSaidToBeAFolder() {
        assertThat(InputFiles.notAFile(dir)).isEqualTo("a folder, not a file");
    }

    @Test
    void aMissingPathIsNoSuchFile() {
        assertThat(InputFiles.notAFile(dir.resolve("nope"))).isEqualTo(InputFiles.MISSING);
    }

    @Test
    void textIsReadAsUtf8() throws Exception {
        Path file = Files.writeString(dir.resolve("a.groovy"), "log '我收到了'", StandardCharsets.UTF_8);

        assertThat(InputFiles.readText(file)).isEqualTo("log '我收到了'");
    }

    @Test
    void aBinaryFileIsNotTextAtItsFirstBadByte() throws Exception {
        Path file = Files.write(dir.resolve("file.tar.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0});

        assertThatThrownBy(() -> InputFiles.readText(file)).isInstanceOf(InputFiles.NotTextException.class)
                .hasMessage(file + " is not a text file (not UTF-8 at byte 1)");
    }

    @Test
    void theBadByteIsFoundPastTheFirstBufferAndAfterMultiByteCharacters() throws Exception {
        byte[] text = "我".repeat(5000).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(text, text.length + 1);
        bytes[text.length] = (byte) 0xff;

        assertThat(InputFiles.firstNonUtf8Byte(Files.write(dir.resolve("long.txt"), bytes))).isEqualTo(15000);
    }

    @Test
    void aCharacterCutOffAtTheEndIsNotText() throws Exception {
        byte[] cut = Arrays.copyOf("ab我".getBytes(StandardCharsets.UTF_8), 4);

        assertThat(InputFiles.firstNonUtf8Byte(Files.write(dir.resolve("cut.txt"), cut))).isEqualTo(2);
    }
}
