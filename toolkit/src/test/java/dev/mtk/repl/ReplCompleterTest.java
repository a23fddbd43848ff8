package dev.mtk.repl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.plugin.Registry;
import dev.mtk.session.Profile;
import dev.mtk.session.SeedHandler;
import dev.mtk.session.Server;
import dev.mtk.session.ServerConfig;
import dev.mtk.spi.FrameLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser.ParseContext;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplCompleterTest {
    @TempDir
    Path dir;
    private Server server;
    private Commands commands;
    private ReplCompleter completer;
    private LineReader reader;

    @BeforeEach
    void connect() throws IOException {
        server = Server.start(ServerConfig.loopback(0, Profile.json()), new SeedHandler());
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        commands = new Commands(new ReplConfig(Profile.json(), Registry.builtIn(), FrameLimits.DEFAULT,
                Duration.ofSeconds(5), null, null, false), new PlainOutput(sink, sink), Clock.systemDefaultZone());
        commands.execute("connect 127.0.0.1:" + server.port());
        commands.execute("connect 127.0.0.1:" + server.port());
        completer = new ReplCompleter(commands);
        reader = LineReaderBuilder.builder().terminal(TerminalBuilder.builder().system(false)
                .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()).type("dumb").build()).build();
    }

    @AfterEach
    void close() {
        commands.close();
        server.close();
    }

    private List<String> complete(String line) {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(reader, new ReplParser().parse(line, line.length(), ParseContext.COMPLETE), candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void theFirstWordCompletesToEveryCommand() {
        assertThat(complete("")).containsExactlyElementsOf(Usage.names());
    }

    @Test
    void commandDescriptionsStartInOneColumnAfterTheLongestName() {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(reader, new ReplParser().parse("", 0, ParseContext.COMPLETE), candidates);
        int column = Usage.names().stream().mapToInt(String::length).max().orElseThrow() + 2;

        assertThat(candidates).allSatisfy(candidate -> assertThat(candidate.displ())
                .startsWith(candidate.value() + " ".repeat(column - candidate.value().length()))
                .hasSizeGreaterThan(column).doesNotStartWith(candidate.value() + " ".repeat(column - candidate.value().length() + 1)));
    }

    @Test
    void useAndCloseCompleteSessionIds() {
        assertThat(complete("use ")).containsExactly("1", "2");
        assertThat(complete("close ")).containsExactly("1", "2");
    }

    @Test
    void payloadCompletesCodecNames() {
        assertThat(complete("payload ")).contains("json", "text", "bytes");
    }

    @Test
    void connectCompletesItsOptionsAndTheirValues() {
        assertThat(complete("connect 127.0.0.1:7373 ")).containsExactly("--profile", "--framing", "--payload",
                "--exchange", "--correlate");
        assertThat(complete("connect 127.0.0.1:7373 --profile ")).containsExactly("json", "seed", "reply");
        assertThat(complete("connect 127.0.0.1:7373 --framing ")).contains("headers", "length-field");
        assertThat(complete("connect 127.0.0.1:7373 --payload ")).contains("json", "text", "bytes");
    }

    @Test
    void connectCompletesExchangesAndACorrelationToStartFrom() {
        assertThat(complete("connect 127.0.0.1:7373 --exchange ")).containsExactly("seed", "reply", "oneway");
        assertThat(complete("connect 127.0.0.1:7373 --exchange reply --correlate ")).containsExactly("$.id");
    }

    @Test
    void hexCompletesOnAndOff() {
        assertThat(complete("hex ")).containsExactly("on", "off");
    }

    @Test
    void loadCompletesFilePaths() throws IOException {
        Files.writeString(dir.resolve("scenario.groovy"), "");

        assertThat(complete("load " + dir + "/sc")).containsExactly(dir + "/scenario.groovy");
    }
}
