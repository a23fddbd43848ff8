package dev.mtk.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mtk.internal.InputFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A recording read back: its header and its events in recorded order.
 *
 * @param header what was recorded and how
 * @param events every event after the header, in file order (which is the order they happened)
 */
public record Recording(RecordingHeader header, List<Recorded> events) {

    public Recording {
        events = List.copyOf(events);
    }

    /**
     * Reads {@code file}.
     *
     * @throws RecordingException naming the file, the line and what is wrong with it
     */
    public static Recording read(Path file) throws RecordingException {
        List<Recorded> events = new ArrayList<>();
        RecordingHeader header = null;
        String notAFile = InputFiles.notAFile(file);
        if (notAFile != null) {
            throw new RecordingException(notAFile.equals(InputFiles.MISSING) ? "no such recording: " + file
                    : "cannot read recording " + file + ": " + notAFile);
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode line = parse(file, number, text);
                try {
                    if (header == null) {
                        header = header(line);
                    } else {
                        events.add(event(line));
                    }
                } catch (IllegalArgumentException e) {
                    throw new RecordingException(file + ":" + number + ": " + e.getMessage());
                }
            }
        } catch (NoSuchFileException e) {
            throw new RecordingException("no such recording: " + file);
        } catch (CharacterCodingException e) {
            throw notText(file);
        } catch (IOException e) {
            throw new RecordingException("cannot read " + file + ": " + e.getMessage());
        }
        if (header == null) {
            throw new RecordingException(file + ": empty, not a recording");
        }
        return new Recording(header, events);
    }

    private static RecordingException notText(Path file) {
        try {
            return new RecordingException(InputFiles.notText(file).getMessage());
        } catch (IOException e) {
            return new RecordingException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The events of each connection, by connection number, in the order connections opened. */
    public Map<Long, List<Recorded>> connections() {
        Map<Long, List<Recorded>> byConnection = new LinkedHashMap<>();
        for (Recorded event : events) {
            byConnection.computeIfAbsent(event.conn(), conn -> new ArrayList<>()).add(event);
        }
        return byConnection;
    }

    private static JsonNode parse(Path file, int number, String text) throws RecordingException {
        try {
            JsonNode line = RecordedBody.MAPPER.readTree(text);
            if (!line.isObject()) {
                throw new RecordingException(file + ":" + number + ": expected a JSON object, got " + line.getNodeType()
                        .name().toLowerCase(Locale.ROOT));
            }
            return line;
        } catch (JsonProcessingException e) {
            throw new RecordingException(file + ":" + number + ": invalid JSON: " + e.getOriginalMessage());
        }
    }

    private static RecordingHeader header(JsonNode line) {
        if (!RecordingHeader.FORMAT.equals(line.path("format").asText())) {
            throw new IllegalArgumentException("not an mtk recording: the first line has no \"format\":\""
                    + RecordingHeader.FORMAT + "\"");
        }
        int version = line.path("version").asInt(-1);
        if (version != RecordingHeader.VERSION) {
            throw new IllegalArgumentException("recording format version " + line.path("version")
                    + " is not supported (this mtk reads version " + RecordingHeader.VERSION + ")");
        }
        return new RecordingHeader(version, text(line, "started"), text(line, "profile"), text(line, "framing"),
                text(line, "payload"), text(line, "listen"), text(line, "target"), optional(line, "exchange"),
                optional(line, "correlate"));
    }

    private static Recorded event(JsonNode line) {
        double ms = number(line, "ms");
        long conn = (long) number(line, "conn");
        String event = text(line, "event");
        return switch (event) {
            case "open" -> new Recorded.Open(ms, conn, text(line, "client"));
            case "close" -> new Recorded.Close(ms, conn, text(line, "by"), optional(line, "reason"));
            case "undecodable" -> new Recorded.Undecodable(ms, conn, direction(line), text(line, "reason"));
            case "frame", "raw", "garbage", "bytes" -> unit(line, ms, conn, WireUnit.Kind.valueOf(event.toUpperCase(Locale.ROOT)));
            default -> throw new IllegalArgumentException("unknown event '" + event
                    + "' (known: open, frame, raw, garbage, bytes, undecodable, close)");
        };
    }

    private static Recorded.Unit unit(JsonNode line, double ms, long conn, WireUnit.Kind kind) {
        JsonNode json = line.get("json");
        byte[] bytes = base64(line, "base64");
        if (json == null && bytes == null) {
            throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT) + " event without \"json\" or \"base64\"");
        }
        if ((kind == WireUnit.Kind.GARBAGE || kind == WireUnit.Kind.BYTES) && bytes == null) {
            throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT) + " event without \"base64\"");
        }
        return new Recorded.Unit(ms, conn, direction(line), kind, optional(line, "framing"), optional(line, "payload"),
                (int) number(line, "size"), json, bytes, base64(line, "wire"));
    }

    private static Direction direction(JsonNode line) {
        return Direction.of(text(line, "dir"));
    }

    private static String text(JsonNode line, String field) {
        JsonNode value = line.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("missing text field \"" + field + "\"");
        }
        return value.textValue();
    }

    private static String optional(JsonNode line, String field) {
        JsonNode value = line.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static double number(JsonNode line, String field) {
        JsonNode value = line.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException("missing number field \"" + field + "\"");
        }
        return value.doubleValue();
    }

    private static byte[] base64(JsonNode line, String field) {
        JsonNode value = line.get(field);
        if (value == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field \"" + field + "\" is not base64: " + e.getMessage());
        }
    }
}
