package dev.mtk.exchange;

import java.util.Arrays;
import java.util.List;

/**
 * What each message a client sends is part of: the seed's three steps, a request and its reply, or nothing awaited.
 *
 * <pre>
 * seed                         reply                        oneway
 * client          server       client          server       client          server
 *   | -- message --> |           | -- request --> |           | -- message --> |
 *   | &lt;-- 我收到了 --- |           | &lt;-- reply ---- |           |                |
 *   | --- ok -------> |           |                |           |                |
 * </pre>
 *
 * <p>Only the seed's exchange treats a message specially: there a server takes the body {@code ok} after an
 * acknowledgement as the confirmation, not as a request. Under {@code reply} and {@code oneway} every frame reaches
 * the handler.
 */
public enum Exchange {
    /** Message, acknowledgement ({@code 我收到了}), confirmation ({@code ok}): the seed's. */
    SEED("seed", "message, acknowledgement, ok (the seed's)"),
    /** Request, then its reply; nothing else sent or awaited. */
    REPLY("reply", "request, then its reply"),
    /** Messages sent, nothing awaited. */
    ONE_WAY("oneway", "messages only, nothing awaited");

    private final String label;
    private final String description;

    Exchange(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** What users select it by: {@code seed}, {@code reply}, {@code oneway}. */
    public String label() {
        return label;
    }

    /** One line for help texts. */
    public String description() {
        return description;
    }

    /**
     * The built-in handler that does what this exchange expects of a server, for a server given none (or a behaviour
     * script without {@code onMessage}): {@code seed} acknowledges, {@code echo} replies, {@code silent} listens.
     */
    public String handler() {
        return switch (this) {
            case SEED -> "seed";
            case REPLY -> "echo";
            case ONE_WAY -> "silent";
        };
    }

    /** Whether the client waits for something after each message. */
    public boolean awaitsReply() {
        return this != ONE_WAY;
    }

    /**
     * The exchange called {@code label}.
     *
     * @throws IllegalArgumentException naming the choices
     */
    public static Exchange named(String label) {
        for (Exchange exchange : values()) {
            if (exchange.label.equals(label.trim())) {
                return exchange;
            }
        }
        throw new IllegalArgumentException("unknown exchange '" + label + "' (known: " + String.join(", ", labels())
                + ")");
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Exchange::label).toList();
    }

    @Override
    public String toString() {
        return label;
    }
}
