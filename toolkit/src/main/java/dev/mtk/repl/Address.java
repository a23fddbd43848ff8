package dev.mtk.repl;

/**
 * Where to connect, as typed: {@code HOST:PORT}, {@code [::1]:PORT}, or a port alone for 127.0.0.1.
 *
 * @param host a name or an address, without brackets
 * @param port 1 to 65535
 */
record Address(String host, int port) {
    static final String LOOPBACK = "127.0.0.1";

    static Address parse(String text) {
        String trimmed = text.trim();
        int colon = trimmed.lastIndexOf(':');
        String host = colon < 0 ? LOOPBACK : trimmed.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(trimmed.substring(colon + 1));
            if (!host.isEmpty() && port > 0 && port <= 65535) {
                return new Address(host, port);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ReplFailure("invalid address '" + text + "': expected HOST:PORT (127.0.0.1:7373) or a port");
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
