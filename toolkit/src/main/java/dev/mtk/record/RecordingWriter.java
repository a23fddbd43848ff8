package dev.mtk.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Base64;

/**
 * Writes a recording: the header, then one JSON object per line per event (docs/RECORDING.md). Lines are buffered;
 * {@link #flush} when the traffic pauses, so a file being recorded can be read as it grows.
 */
public final class RecordingWriter implements Closeable {
    private final BufferedWriter out;

    public RecordingWriter(Writer out, RecordingHeader header) {
        this.out = new BufferedWriter(out);
        ObjectNode line = RecordedBody.MAPPER.createObjectNode();
        line.put("format", RecordingHeader.FORMAT);
        line.put("version", header.version());
        line.put("started", header.started());
        line.put("profile", header.profile());
        line.put("framing", header.framing());
        line.put("payload", header.payload());
        line.put("listen", header.listen());
        line.put("target", header.target());
        if (header.exchange() != null) {
            line.put("exchange", header.exchange());
        }
        if (header.correlate() != null) {
            line.put("correlate", header.correlate());
        }
        writeLine(line);
    }

    public void write(Recorded event) {
        ObjectNode line = RecordedBody.MAPPER.createObjectNode();
        line.put("ms", BigDecimal.valueOf(event.ms()).setScale(3, RoundingMode.HALF_UP));
        line.put("conn", event.conn());
        if (event instanceof Recorded.Open open) {
            line.put("event", "open");
            line.put("client", open.client());
        } else if (event instanceof Recorded.Unit unit) {
            unit(line, unit);
        } else if (event instanceof Recorded.Undecodable undecodable) {
            line.put("event", "undecodable");
            line.put("dir", undecodable.dir().code());
            line.put("reason", undecodable.reason());
        } else if (event instanceof Recorded.Close close) {
            line.put("event", "close");
            line.put("by", close.by());
            if (close.reason() != null) {
                line.put("reason", close.reason());
            }
        }
        writeLine(line);
    }

    private static void unit(ObjectNode line, Recorded.Unit unit) {
        line.put("event", unit.kind().name().toLowerCase(java.util.Locale.ROOT));
        line.put("dir", unit.dir().code());
        if (unit.framing() != null) {
            line.put("framing", unit.framing());
        }
        if (unit.payload() != null) {
            line.put("payload", unit.payload());
        }
        line.put("size", unit.size());
        if (unit.json() != null) {
            line.set("json", unit.json());
        }
        if (unit.bytes() != null) {
            line.put("base64", Base64.getEncoder().encodeToString(unit.bytes()));
        }
        if (unit.wire() != null) {
            line.put("wire", Base64.getEncoder().encodeToString(unit.wire()));
        }
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void writeLine(ObjectNode line) {
        try {
            out.write(RecordedBody.MAPPER.writeValueAsString(line));
            out.write('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always has a text form", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
