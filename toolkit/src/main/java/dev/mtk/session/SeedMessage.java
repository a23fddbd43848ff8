package dev.mtk.session;

import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;
import java.time.Year;

/** The message the seed's Go client sends: Joel's record, his age being the current year minus 1973. */
public final class SeedMessage {
    private SeedMessage() {
    }

    /** The message as the seed's client writes it this year. */
    public static String now() {
        return forYear(Year.now().getValue());
    }

    /**
     * This year's message as a body of {@code payload}: parsed as typed where the codec reads JSON-like text
     * ({@code json}, {@code text}, CBOR), else as a plain string ({@code bytes} takes its UTF-8).
     */
    public static byte[] body(PayloadCodec payload) {
        try {
            return payload.parse(now());
        } catch (PayloadException e) {
            return payload.string(now());
        }
    }

    public static String forYear(int year) {
        return "{\"ID\":\"i\",\"Name\":\"Joel\",\"Age\":\"" + (year - 1973) + "\",\"Programming Language\":\"go\"}";
    }
}
