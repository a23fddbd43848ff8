package dev.mtk.record;

import java.util.Locale;

/** Which way bytes travel between a client and the server it talks to. */
public enum Direction {
    CLIENT_TO_SERVER("c2s", "client>server"),
    SERVER_TO_CLIENT("s2c", "server>client");

    private final String code;
    private final String arrow;

    Direction(String code, String arrow) {
        this.code = code;
        this.arrow = arrow;
    }

    /** As a recording writes it: {@code c2s} or {@code s2c}. */
    public String code() {
        return code;
    }

    /** As the proxy prints it: {@code client>server}. */
    public String arrow() {
        return arrow;
    }

    /**
     * The direction written {@code code}.
     *
     * @throws IllegalArgumentException naming the valid codes
     */
    public static Direction of(String code) {
        for (Direction direction : values()) {
            if (direction.code.equals(code.toLowerCase(Locale.ROOT))) {
                return direction;
            }
        }
        throw new IllegalArgumentException("unknown direction '" + code + "' (expected c2s or s2c)");
    }
}
