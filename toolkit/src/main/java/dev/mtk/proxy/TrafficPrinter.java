package dev.mtk.proxy;

import dev.mtk.internal.Hex;
import dev.mtk.internal.LogText;
import dev.mtk.payload.TextPayloadCodec;
import dev.mtk.record.Direction;
import dev.mtk.record.WireUnit;
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
 */
public final class TrafficPrinter implements TrafficObserver {
    private static final Logger LOG = LoggerFactory.getLogger("mtk.proxy");

    private final PayloadCodec payload;

    public TrafficPrinter(PayloadCodec payload) {
        this.payload = payload;
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
                    LOG.info("#{} {} {}: {}", conn, dir.arrow(), sizes(unit), render(unit.body()));
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
