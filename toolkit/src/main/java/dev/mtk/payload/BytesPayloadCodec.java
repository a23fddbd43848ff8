package dev.mtk.payload;

import dev.mtk.internal.Hex;
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;
import java.io.ByteArrayOutputStream;

/** Opaque binary bodies: typed as hex ({@code 0a ff 10}, {@code 0x0aff10}), shown as a hex dump. */
public final class BytesPayloadCodec implements PayloadCodec {

    @Override
    public String name() {
        return "bytes";
    }

    @Override
    public String description() {
        return "binary: hex in, hex dump out";
    }

    @Override
    public byte[] parse(String text) throws PayloadException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 2);
        int high = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == ':') {
                continue;
            }
            if (c == '0' && high < 0 && i + 1 < text.length() && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X')) {
                i++;
                continue;
            }
            int digit = Character.digit(c, 16);
            if (digit < 0) {
                throw new PayloadException("invalid hex digit '" + c + "' at position " + (i + 1));
            }
            if (high < 0) {
                high = digit;
            } else {
                out.write(high << 4 | digit);
                high = -1;
            }
        }
        if (high >= 0) {
            throw new PayloadException("odd number of hex digits: the last byte has one digit");
        }
        return out.toByteArray();
    }

    @Override
    public byte[] decode(byte[] body) {
        return body;
    }

    @Override
    public String render(byte[] body) {
        return body.length == 0 ? "(empty)" : Hex.dump(body);
    }
}
