package dev.mtk.session;

import java.time.Year;

/** The message the seed's Go client sends: Joel's record, his age being the current year minus 1973. */
public final class SeedMessage {
    private SeedMessage() {
    }

    /** The message as the seed's client writes it this year. */
    public static String now() {
        return forYear(Year.now().getValue());
    }

    public static String forYear(int year) {
        return "{\"ID\":\"i\",\"Name\":\"Joel\",\"Age\":\"" + (year - 1973) + "\",\"Programming Language\":\"go\"}";
    }
}
