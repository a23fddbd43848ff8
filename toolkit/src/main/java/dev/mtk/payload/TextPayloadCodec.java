package dev.mtk.payload;

import dev.mtk.internal.LogText;
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
        return LogText.escapeControls(new String(body, StandardCharsets.UTF_8), false);
    }
}
