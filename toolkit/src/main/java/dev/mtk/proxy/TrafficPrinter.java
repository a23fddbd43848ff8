package dev.mtk.proxy;

import dev.mtk.internal.Hex;
import dev.mtk.internal.LogText;
import dev.mtk.payload.TextPayloadCodec;
import dev.mtk.record.Direction;
import dev.mtk.record.WireUnit;
import dev.mtk.session.Message;
import dev.mtk.spi.Frame;
import dev.mtk.spi.HeaderFields;
import dev.mtk.spi.PayloadCodec;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints the proxied traffic live, a line per event on the {@code mtk.proxy} log (standard output, timestamped, as
 * the server's and client's conversation lines):
 *
 * <pre>
 * 2026-11-25 18:24:17.756 proxy  #1 connected: 127.0.0.1:50114 &gt; 127.0.0.1:7373
 * 2026-11-25 18:24:17.761 proxy  #1 client&gt;server 74 B (body 63 B): {"ID":"i","Name":"Joel",...}
 * 2026-11-25 18:24:17.762 proxy  #1 server&gt;client 25 B (body 14 B): "我收到了"
 * 2026-11-25 18:24:17.776 proxy  #1 closed by client (client&gt;server 89 B, server&gt;client 25 B)
 * </pre>
 *
 * <p>When the framing names header fields, their values come before the body:
 * {@code #1 client>server 27 B: [magic=128 opcode=0 ... opaque=7 cas=0] 00000000  80 00 ...}.
 */
public final class TrafficPrinter implements TrafficObserver {
    private static final Logger LOG = LoggerFactory.getLogger("mtk.proxy");

    private final PayloadCodec payload;
    private final HeaderFields fields;

    public TrafficPrinter(PayloadCodec payload) {
        this(payload, HeaderFields.NONE);
    }

    /** Prints the values of the framing's named {@code fields} before each frame's body, as the client's log does. */
    public TrafficPrinter(PayloadCodec payload, HeaderFields fields) {
        this.payload = payload;
        this.fields = fields;
    }

    @Override
    public void opened(long conn, String client, String target, long nanos) {
        LOG.info("#{} connected: {} > {}", conn, client, target);
    }

    @Override
    public void unit(long conn, Direction dir, WireUnit unit, long nanos) {
        switch (unit.kind()) {
            case FRAME -> {
                if (LOG.isInfoEnabled()) {
                    LOG.info("#{} {} {}: {}{}", conn, dir.arrow(), sizes(unit), fieldsText(unit), render(unit.body()));
                }
            }
            case RAW -> LOG.info("#{} {} {} B unframed: {}", conn, dir.arrow(), unit.size(),
                    LogText.cut(new String(unit.body(), StandardCharsets.UTF_8)));
            case GARBAGE -> LOG.info("#{} {} skipped {} B of garbage before a frame: {}", conn, dir.arrow(), unit.size(),
                    Hex.spaced(unit.body(), 16));
            case BYTES -> LOG.info("#{} {} {} B not decoded: {}", conn, dir.arrow(), unit.size(),
                    Hex.spaced(unit.body(), 16));
            case UNDECODABLE -> LOG.warn("#{} {} cannot decode, forwarding the rest undecoded: {}", conn, dir.arrow(),
                    unit.reason());
        }
    }

    @Override
    public void closed(long conn, String by, String reason, long clientBytes, long serverBytes, long nanos) {
        String counts = "(" + Direction.CLIENT_TO_SERVER.arrow() + " " + clientBytes + " B, "
                + Direction.SERVER_TO_CLIENT.arrow() + " " + serverBytes + " B)";
        if (reason == null) {
            LOG.info("#{} closed by {} {}", conn, by, counts);
        } else {
            LOG.warn("#{} closed: {} {}", conn, reason, counts);
        }
    }

    /** The named fields, read from the frame's wire bytes (offsets count from its first byte), when they are known. */
    private String fieldsText(WireUnit unit) {
        if (fields.isEmpty() || unit.wire() == null) {
            return "";
        }
        return Message.headerText(fields.read(new Frame(unit.wire())));
    }

    private String render(byte[] body) {
        try {
            return LogText.cut(payload.render(body));
        } catch (RuntimeException | LinkageError e) {
            return LogText.cut(TextPayloadCodec.oneLine(body));
        }
    }

    private static String sizes(WireUnit unit) {
        return unit.size() == unit.body().length ? unit.size() + " B"
                : unit.size() + " B (body " + unit.body().length + " B)";
    }
}
