package dev.mtk.internal;

import java.util.Optional;

/**
 * An address as people type it, for the command line and the REPL alike: {@code HOST:PORT}, {@code [::1]:PORT}, or a
 * port alone on a default host. Callers say what was wrong in their own terms, so parsing answers with an empty value
 * rather than an exception.
 *
 * @param host a name or an address, without brackets
 * @param port 0 to 65535
 */
public record HostPort(String host, int port) {

    /**
     * {@code text} as an address, or empty when its host is empty or its port is not a number in range.
     *
     * @param defaultHost the host of a port typed alone
     * @param zeroAllowed whether port 0 (any free port, for listening) is accepted
     */
    public static Optional<HostPort> parse(String text, String defaultHost, boolean zeroAllowed) {
        String trimmed = text.trim();
        int colon = trimmed.lastIndexOf(':');
        String host = colon < 0 ? defaultHost : trimmed.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(trimmed.substring(colon + 1).trim());
            if (!host.isEmpty() && port >= (zeroAllowed ? 0 : 1) && port <= 65535) {
                return Optional.of(new HostPort(host, port));
            }
        } catch (NumberFormatException e) {
            // empty below
        }
        return Optional.empty();
    }

    /** {@code 127.0.0.1:7373}, {@code [::1]:7373}: brackets around an IPv6 host so that the port stays apart. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
