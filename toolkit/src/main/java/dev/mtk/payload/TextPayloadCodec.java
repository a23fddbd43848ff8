package dev.mtk.payload;

import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 text bodies, taken as typed; received bodies must be valid UTF-8. */
public final class TextPayloadCodec implements PayloadCodec {

    @Override
    public String name() {
        return "text";
    }

    @Override
    public String description() {
        return "UTF-8 text, as typed";
    }

    @Override
    public byte[] parse(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String decode(byte[] body) throws PayloadException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new PayloadException("invalid UTF-8 at byte " + in.position());
        }
    }

    @Override
    public String render(byte[] body) {
        return oneLine(body);
    }

    /** The body as UTF-8 (malformed bytes replaced) with line breaks and other controls escaped. */
    public static String oneLine(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != 0x7f) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\x%02x", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }
}
