package dev.mtk.bench.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.mtk.bench.shard.Shard;
import dev.mtk.internal.InputFiles;
import dev.mtk.payload.JsonPayloadCodec;
import dev.mtk.spi.PayloadException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of a data file, one per virtual user: user 0 gets row 0, user 1 row 1, and so on. The file is read once,
 * whole, when opened; a feeder is immutable and may be shared by every user's thread.
 *
 * <p>Two formats, told apart by the file's extension:
 *
 * <p>{@code .csv}: a header row naming the columns, then one row per user (RFC 4180: a field in double quotes may
 * hold commas and line breaks, and {@code ""} inside it is one quote). Values stay the strings the file holds;
 * nothing is converted, so {@code 007} stays {@code "007"}. Blank lines are skipped, as is a byte-order mark.
 * <pre>
 * user,password,greeting
 * alice,s3cret,"Hello, ""Alice"""
 * bob,hunter2,hi
 * </pre>
 * gives row 0 {@code {user=alice, password=s3cret, greeting=Hello, "Alice"}}.
 *
 * <p>{@code .jsonl} or {@code .ndjson}: one JSON object per line (blank lines skipped); values are what JSON reads
 * as: maps, lists, strings, numbers, booleans and {@code null}.
 * <pre>
 * {"user": "alice", "id": 1, "roles": ["admin"]}
 * {"user": "bob", "id": 2, "roles": []}
 * </pre>
 * gives row 1 {@code {user=bob, id=2, roles=[]}}.
 *
 * <p>Every row is an unmodifiable map, its keys in the order of the file's columns (or of the object's members);
 * lists and maps inside JSON rows are unmodifiable too. Every mistake in a file is one line naming the file and, for
 * a mistake in a row, the line: {@code users.csv:4: 2 fields, but the header names 3 (user, password, greeting)}.
 *
 * <p>Shards ({@code --shard I/N}) deal the rows round-robin, as {@link Shard#owns} does: row {@code i} is shard
 * {@code i % N}'s, so shard {@code I}'s user {@code k} (counted from 0 within the shard) gets the file's row
 * {@code k * N + I}. N shards together give every row to exactly one user, as one generator running all the users
 * would, and each shard's rows are spread over the whole file rather than one block of it.
 */
public final class Feeder {
    /** Largest file read: the whole file is held in memory, as rows, for the whole run. */
    public static final long MAX_BYTES = 256L * 1024 * 1024;

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();
    private static final JsonPayloadCodec JSON = new JsonPayloadCodec();

    private final String name;
    private final List<Map<String, Object>> rows;
    private final Shard shard;
    private final int fileRows;

    private Feeder(String name, List<Map<String, Object>> rows, Shard shard, int fileRows) {
        this.name = name;
        this.rows = rows;
        this.shard = shard;
        this.fileRows = fileRows;
    }

    /**
     * The rows of {@code file}, read now.
     *
     * @throws IllegalArgumentException in one line naming the file (and the line, for a mistake in a row): an
     *         extension other than {@code .csv}, {@code .jsonl} or {@code .ndjson}, a file missing, unreadable, not
     *         UTF-8, over {@value #MAX_BYTES} bytes or without rows, a CSV header naming a column twice or a row with
     *         another number of fields, a JSON line that is not an object
     */
    public static Feeder open(Path file) {
        String name = file.toString();
        String extension = extension(file);
        if (!extension.equals("csv") && !extension.equals("jsonl") && !extension.equals("ndjson")) {
            throw new IllegalArgumentException(name + ": cannot tell the format of a feeder file by its name; give it "
                    + "one of the extensions .csv, .jsonl, .ndjson");
        }
        String text = read(file, name);
        if (text.startsWith("\uFEFF")) {
            // Excel's "CSV UTF-8" starts with a byte-order mark, which would otherwise join the first column's name.
            text = text.substring(1);
        }
        List<Map<String, Object>> rows = extension.equals("csv") ? csv(name, text) : jsonLines(name, text);
        return new Feeder(name, Collections.unmodifiableList(rows), Shard.WHOLE, rows.size());
    }

    /** How many rows this feeder holds (this shard's rows, for a shard). */
    public int size() {
        return rows.size();
    }

    /**
     * User {@code user}'s own row: user 0 gets row 0, and so on.
     *
     * @throws IllegalArgumentException when there are not that many rows, saying how to fix it
     */
    public Map<String, Object> row(long user) {
        checkUser(user);
        if (user >= rows.size()) {
            String has = shard.whole() ? name + " has " + rows.size() + " rows"
                    : name + " has " + rows.size() + " rows for shard " + shard + " (of " + fileRows + " in all)";
            throw new IllegalArgumentException(has + "; user " + user + " has none (give each user a row, or feed('"
                    + name + "', cycle: true))");
        }
        return rows.get((int) user);
    }

    /** Row {@code user % size()}: users beyond the last row start again from the first. */
    public Map<String, Object> cycled(long user) {
        checkUser(user);
        return rows.get((int) (user % rows.size()));
    }

    /**
     * The rows that are {@code shard}'s, dealt round-robin: row {@code i} of the file goes to shard {@code i % N}, so
     * the shard's user {@code k} gets the file's row {@code k * N + I}.
     *
     * @throws IllegalArgumentException when the file has fewer rows than there are shards (a shard would get none),
     *         or this feeder is already a shard
     */
    public Feeder shard(Shard shard) {
        if (!this.shard.whole()) {
            throw new IllegalArgumentException(name + " is already dealt to shard " + this.shard + "; deal the "
                    + "whole file instead");
        }
        if (shard.whole()) {
            return this;
        }
        List<Map<String, Object>> mine = new ArrayList<>();
        for (int i = shard.index(); i < rows.size(); i += shard.count()) {
            mine.add(rows.get(i));
        }
        if (mine.isEmpty()) {
            throw new IllegalArgumentException(name + " has " + rows.size() + " rows, fewer than the " + shard.count()
                    + " shards: shard " + shard + " gets none (give the file a row for each user of every shard)");
        }
        return new Feeder(name, Collections.unmodifiableList(mine), shard, fileRows);
    }

    /** {@code users.csv (50 rows)}, or {@code users.csv (17 of 50 rows, shard 1/3)}. */
    @Override
    public String toString() {
        return shard.whole() ? name + " (" + rows.size() + " rows)"
                : name + " (" + rows.size() + " of " + fileRows + " rows, shard " + shard + ")";
    }

    private static void checkUser(long user) {
        if (user < 0) {
            throw new IllegalArgumentException("user must be 0 or more: " + user);
        }
    }

    private static String extension(Path file) {
        Path last = file.getFileName();
        String base = last == null ? "" : last.toString();
        int dot = base.lastIndexOf('.');
        return dot < 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String read(Path file, String name) {
        String notAFile = InputFiles.notAFile(file);
        if (notAFile != null) {
            throw new IllegalArgumentException(name + ": " + notAFile);
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException(name + " is " + size + " bytes; a feeder holds its whole file "
                        + "in memory and takes at most " + MAX_BYTES / (1024 * 1024) + " MiB");
            }
            return InputFiles.readText(file);
        } catch (InputFiles.NotTextException e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": cannot read: " + e.getMessage());
        }
    }

    private static List<Map<String, Object>> csv(String name, String text) {
        List<Map<String, Object>> rows = new ArrayList<>();
        // Without a schema the parser gives each record as an array of strings. A quoted field may run over several
        // lines, so a record is named by the line it starts on, where the parser stands as it opens the array.
        int line = 1;
        try (CsvParser parser = (CsvParser) CSV.createParser(text)) {
            List<String> header = null;
            while (parser.nextToken() == JsonToken.START_ARRAY) {
                line = parser.currentLocation().getLineNr();
                List<String> fields = new ArrayList<>();
                while (parser.nextToken() == JsonToken.VALUE_STRING) {
                    fields.add(parser.getText());
                }
                if (header == null) {
                    header = header(name, line, fields);
                } else if (fields.size() != header.size()) {
                    throw new IllegalArgumentException(name + ":" + line + ": " + fields.size() + " field"
                            + (fields.size() == 1 ? "" : "s") + ", but the header names " + header.size() + " ("
                            + String.join(", ", header) + ")");
                } else {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 0; i < fields.size(); i++) {
                        row.put(header.get(i), fields.get(i));
                    }
                    rows.add(Collections.unmodifiableMap(row));
                }
            }
            if (header == null) {
                throw new IllegalArgumentException(name + " is empty; a CSV feeder file is a header row naming the "
                        + "columns, then a row for each user");
            }
        } catch (JsonProcessingException e) {
            // Jackson's message starts upper-case and may add its position on further lines: the line is named.
            String message = e.getOriginalMessage().lines().findFirst().orElse("unreadable");
            throw new IllegalArgumentException(name + ":" + line + ": not valid CSV: "
                    + message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1));
        } catch (IOException e) {
            // The text is already in memory: a parser reading a String has no I/O to fail.
            throw new IllegalStateException(e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(name + " has a header but no rows; give each user a row");
        }
        return rows;
    }

    private static List<String> header(String name, int line, List<String> fields) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            String column = fields.get(i);
            if (column.isBlank()) {
                throw new IllegalArgumentException(name + ":" + line + ": column " + (i + 1) + " of the header has no "
                        + "name");
            }
            Integer before = seen.putIfAbsent(column, i + 1);
            if (before != null) {
                throw new IllegalArgumentException(name + ":" + line + ": the header names column '" + column
                        + "' twice (columns " + before + " and " + (i + 1) + ")");
            }
        }
        return List.copyOf(fields);
    }

    private static List<Map<String, Object>> jsonLines(String name, String text) {
        List<Map<String, Object>> rows = new ArrayList<>();
        int number = 0;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            Object value;
            try {
                value = JSON.decode(line.getBytes(StandardCharsets.UTF_8));
            } catch (PayloadException e) {
                // The codec counts lines within what it was given, one line here: its "line 1" is this line.
                throw new IllegalArgumentException(name + ":" + number + ": "
                        + e.getMessage().replace("line 1, column ", "column "));
            }
            if (!(value instanceof Map<?, ?> map)) {
                int column = line.length() - line.stripLeading().length() + 1;
                throw new IllegalArgumentException(name + ":" + number + ": expected a JSON object at column " + column
                        + ", got " + kind(value));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> row = (Map<String, Object>) frozen(map);
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(name + " has no rows; give each user a line holding a JSON object");
        }
        return rows;
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        return value instanceof Number ? "a number" : "a boolean";
    }

    /** {@code value} with every map and list in it unmodifiable; maps keep their order. */
    private static Object frozen(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, member) -> copy.put(key, frozen(member)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(frozen(item)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
