package dev.mtk.bench.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.bench.shard.Shard;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeederTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** {@code name} with a header {@code id} and {@code rows} rows {@code 0, 1, ...}. */
    private Path numbered(String name, int rows) throws IOException {
        return file(name, "id\n" + IntStream.range(0, rows).mapToObj(Integer::toString)
                .collect(Collectors.joining("\n")) + "\n");
    }

    @Test
    void csvRowsAreMapsOfStringsInColumnOrder() throws IOException {
        Feeder feeder = Feeder.open(file("users.csv", "user,password,id\nalice,s3cret,007\nbob,hunter2,2\n"));

        assertThat(feeder.size()).isEqualTo(2);
        assertThat(feeder.row(0)).containsExactly(Map.entry("user", "alice"), Map.entry("password", "s3cret"),
                Map.entry("id", "007"));
        assertThat(feeder.row(1).get("user")).isEqualTo("bob");
    }

    @Test
    void csvQuotedFieldsHoldCommasLineBreaksAndDoubledQuotes() throws IOException {
        Feeder feeder = Feeder.open(file("users.csv",
                "user,greeting\r\nalice,\"Hello, \"\"Alice\"\"\"\r\nbob,\"two\nlines\"\r\n"));

        assertThat(feeder.row(0).get("greeting")).isEqualTo("Hello, \"Alice\"");
        assertThat(feeder.row(1).get("greeting")).isEqualTo("two\nlines");
    }

    @Test
    void csvSkipsBlankLinesAndAByteOrderMark() throws IOException {
        Feeder feeder = Feeder.open(file("users.csv", "\uFEFFuser\n\nalice\n\nbob\n"));

        assertThat(feeder.row(0)).containsOnlyKeys("user");
        assertThat(feeder.size()).isEqualTo(2);
    }

    @Test
    void jsonLinesRowsKeepWhatJsonReadsAs() throws IOException {
        Feeder feeder = Feeder.open(file("users.jsonl",
                "{\"user\": \"alice\", \"id\": 1, \"admin\": true, \"roles\": [\"a\"], \"home\": {\"x\": 1.5}}\n"
                        + "\n"
                        + "{\"user\": \"bob\", \"id\": 2, \"admin\": false, \"roles\": [], \"home\": null}\n"));

        assertThat(feeder.size()).isEqualTo(2);
        assertThat(feeder.row(0)).containsExactly(Map.entry("user", "alice"), Map.entry("id", 1),
                Map.entry("admin", true), Map.entry("roles", List.of("a")), Map.entry("home", Map.of("x", 1.5)));
        assertThat(feeder.row(1)).containsEntry("home", null);
    }

    @Test
    void ndjsonIsReadAsJsonLines() throws IOException {
        assertThat(Feeder.open(file("users.NDJSON", "{\"user\": \"alice\"}")).row(0)).containsEntry("user", "alice");
    }

    @Test
    void rowsAndWhatTheyHoldCannotBeChanged() throws IOException {
        Feeder csv = Feeder.open(file("users.csv", "user\nalice\n"));
        Feeder json = Feeder.open(file("users.jsonl", "{\"roles\": [\"a\"], \"home\": {\"x\": 1}}\n"));

        assertThatThrownBy(() -> csv.row(0).put("user", "mallory")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> json.row(0).remove("roles")).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> roles = (List<Object>) json.row(0).get("roles");
        assertThatThrownBy(() -> roles.add("b")).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> home = (Map<String, Object>) json.row(0).get("home");
        assertThatThrownBy(() -> home.clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anUnknownExtensionNamesTheFileAndTheKnownOnes() throws IOException {
        Path file = file("users.txt", "user\nalice\n");

        assertThatThrownBy(() -> Feeder.open(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": cannot tell the format of a feeder file by its name; give it one of the "
                        + "extensions .csv, .jsonl, .ndjson");
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("nobody.csv");

        assertThatThrownBy(() -> Feeder.open(file)).hasMessage(file + ": no such file");
    }

    @Test
    void aFileThatIsNotUtf8IsNamedWithTheByte() throws IOException {
        Path file = Files.write(dir.resolve("users.csv"), new byte[] {'u', '\n', 'a', (byte) 0xff, '\n'});

        assertThatThrownBy(() -> Feeder.open(file)).hasMessage(file + " is not a text file (not UTF-8 at byte 3)");
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
        Path file = dir.resolve("huge.csv");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            // A sparse file one byte over the limit: the size is what is checked, and nothing is read.
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}), Feeder.MAX_BYTES);
        }

        assertThatThrownBy(() -> Feeder.open(file)).hasMessage(file + " is 268435457 bytes; a feeder holds its whole "
                + "file in memory and takes at most 256 MiB");
    }

    @Test
    void anEmptyCsvFileSaysWhatOneHolds() throws IOException {
        Path file = file("users.csv", "\n\n");

        assertThatThrownBy(() -> Feeder.open(file)).hasMessage(file + " is empty; a CSV feeder file is a header row "
                + "naming the columns, then a row for each user");
    }

    @Test
    void aCsvFileWithOnlyAHeaderHasNoRows() throws IOException {
        Path file = file("users.csv", "user,password\n");

        assertThatThrownBy(() -> Feeder.open(file)).hasMessage(file + " has a header but no rows; give each user a "
                + "row");
    }

    @Test
    void anEmptyJsonLinesFileHasNoRows() throws IOException {
        Path file = file("users.jsonl", "\n  \n");

        assertThatThrownBy(() -> Feeder.open(file)).hasMessage(file + " has no rows; give each user a line holding a "
                + "JSON object");
    }

    @Test
    void aCsvRowWithAnotherNumberOfFieldsNamesItsLine() throws IOException {
        // The quoted line break makes the second row span lines 2 and 3: the bad row starts on line 4.
        Path file = file("users.csv", "user,password,greeting\nalice,s3cret,\"hi\nthere\"\nbob,hunter2\n");

        assertThatThrownBy(() -> Feeder.open(file)).hasMessage(file + ":4: 2 fields, but the header names 3 (user, "
                + "password, greeting)");
    }

    @Test
    void aCsvHeaderNamingAColumnTwiceNamesBoth() throws IOException {
        Path file = file("users.csv", "\nuser,password,user\nalice,s3cret,bob\n");

        assertThatThrownBy(() -> Feeder.open(file)).hasMessage(file + ":2: the header names column 'user' twice "
                + "(columns 1 and 3)");
    }

    @Test
    void aCsvHeaderWithAnUnnamedColumnNamesIt() throws IOException {
        Path file = file("users.csv", "user,,password\nalice,x,s3cret\n");

        assertThatThrownBy(() -> Feeder.open(file)).hasMessage(file + ":1: column 2 of the header has no name");
    }

    @Test
    void anUnclosedCsvQuoteNamesTheFileAndLine() throws IOException {
        Path file = file("users.csv", "user,greeting\nalice,\"hi\n");

        assertThatThrownBy(() -> Feeder.open(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ":2: not valid CSV: missing closing quote for value");
    }

    @Test
    void aJsonLineThatIsNotAnObjectNamesItsLineAndColumn() throws IOException {
        Path file = file("users.jsonl", "{\"user\": \"alice\"}\n\n  [\"bob\"]\n");

        assertThatThrownBy(() -> Feeder.open(file)).hasMessage(file + ":3: expected a JSON object at column 3, got "
                + "an array");
    }

    @Test
    void aJsonLineThatIsNotJsonNamesItsLineAndColumn() throws IOException {
        Path file = file("users.jsonl", "{\"user\": \"alice\"}\n{user: \"bob\"}\n");

        assertThatThrownBy(() -> Feeder.open(file)).hasMessageStartingWith(file + ":2: invalid JSON at column 2: ")
                .extracting(Throwable::getMessage).matches(message -> message.lines().count() == 1);
    }

    @Test
    void eachUserGetsTheirOwnRow() throws IOException {
        Feeder feeder = Feeder.open(numbered("users.csv", 5));

        assertThat(IntStream.range(0, 5).mapToObj(user -> feeder.row(user).get("id")))
                .containsExactly("0", "1", "2", "3", "4");
    }

    @Test
    void aUserBeyondTheLastRowIsToldHowToFixIt() throws IOException {
        Path file = numbered("users.csv", 50);
        Feeder feeder = Feeder.open(file);

        assertThatThrownBy(() -> feeder.row(50)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + " has 50 rows; user 50 has none (give each user a row, or feed('" + file
                        + "', cycle: true))");
    }

    @Test
    void cycledUsersStartAgainFromTheFirstRow() throws IOException {
        Feeder feeder = Feeder.open(numbered("users.csv", 3));

        assertThat(IntStream.range(0, 7).mapToObj(user -> feeder.cycled(user).get("id")))
                .containsExactly("0", "1", "2", "0", "1", "2", "0");
    }

    @Test
    void aShardsUserKGetsRowKTimesNPlusI() throws IOException {
        Feeder shard = Feeder.open(numbered("users.csv", 10)).shard(Shard.parse("1/3"));

        assertThat(shard.size()).isEqualTo(3);
        assertThat(IntStream.range(0, 3).mapToObj(user -> shard.row(user).get("id"))).containsExactly("1", "4", "7");
    }

    @Test
    void nShardsTogetherGiveEachRowToExactlyOneUser() throws IOException {
        int rows = 101;
        int shards = 4;
        Feeder whole = Feeder.open(numbered("users.csv", rows));
        List<Object> dealt = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            Feeder shard = whole.shard(Shard.of(i, shards));
            assertThat(shard.size()).isEqualTo(Shard.of(i, shards).share(rows));
            for (int user = 0; user < shard.size(); user++) {
                dealt.add(shard.row(user).get("id"));
            }
        }

        Set<Object> distinct = new HashSet<>(dealt);
        assertThat(dealt).hasSize(rows);
        assertThat(distinct).hasSize(rows);
        assertThat(distinct).isEqualTo(IntStream.range(0, rows).mapToObj(Integer::toString)
                .collect(Collectors.toSet()));
    }

    @Test
    void aShardBeyondItsRowsSaysSo() throws IOException {
        Path file = numbered("users.csv", 10);
        Feeder shard = Feeder.open(file).shard(Shard.parse("1/3"));

        assertThatThrownBy(() -> shard.row(3)).hasMessage(file + " has 3 rows for shard 1/3 (of 10 in all); user 3 "
                + "has none (give each user a row, or feed('" + file + "', cycle: true))");
    }

    @Test
    void aShardCyclesOverItsOwnRowsOnly() throws IOException {
        Feeder shard = Feeder.open(numbered("users.csv", 10)).shard(Shard.parse("2/3"));

        assertThat(IntStream.range(0, 5).mapToObj(user -> shard.cycled(user).get("id")))
                .containsExactly("2", "5", "8", "2", "5");
    }

    @Test
    void moreShardsThanRowsIsRefused() throws IOException {
        Path file = numbered("users.csv", 2);
        Feeder feeder = Feeder.open(file);

        assertThatThrownBy(() -> feeder.shard(Shard.parse("2/3"))).hasMessage(file + " has 2 rows, fewer than the 3 "
                + "shards: shard 2/3 gets none (give the file a row for each user of every shard)");
    }

    @Test
    void theWholeShardIsTheFeederItself() throws IOException {
        Feeder feeder = Feeder.open(numbered("users.csv", 2));

        assertThat(feeder.shard(Shard.WHOLE)).isSameAs(feeder);
    }

    @Test
    void aNegativeUserIsRefused() throws IOException {
        Feeder feeder = Feeder.open(numbered("users.csv", 2));

        assertThatThrownBy(() -> feeder.cycled(-1)).hasMessage("user must be 0 or more: -1");
    }
}
