package ${package};

import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Bodies that are text written as hex digits, two a byte of its UTF-8, as some line protocols and device consoles
 * send binary: typed and shown as the text they carry.
 *
 * <pre>
 * typed      on the wire
 * hi!        36 38 36 39 32 31            "686921": 68 'h', 69 'i', 21 '!'
 * é          63 33 61 39                  "c3a9": the two bytes of its UTF-8
 * </pre>
 *
 * <p>One instance serves every session at once: it keeps no state.
 */
final class HexPayloadCodec implements PayloadCodec {
    private static final HexFormat HEX = HexFormat.of();

    /** What the user types goes on the wire as the hex of its UTF-8. */
    @Override
    public byte[] parse(String text) {
        return HEX.formatHex(text.getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
    }

    /** The acknowledgement and other fixed strings of the exchange travel as hex too. */
    @Override
    public byte[] string(String value) {
        return parse(value);
    }

    /** The text a body carries; a body of anything but pairs of hex digits is refused, naming the bytes seen. */
    @Override
    public Object decode(byte[] body) throws PayloadException {
        try {
            return new String(HEX.parseHex(new String(body, StandardCharsets.US_ASCII)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            int shown = Math.min(body.length, 16);
            throw new PayloadException("not hex digits in pairs (" + body.length + " B): "
                    + HexFormat.ofDelimiter(" ").formatHex(body, 0, shown) + (shown < body.length ? " ..." : ""));
        }
    }

    @Override
    public String render(byte[] body) {
        try {
            return (String) decode(body);
        } catch (PayloadException e) {
            return e.getMessage();
        }
    }
}
