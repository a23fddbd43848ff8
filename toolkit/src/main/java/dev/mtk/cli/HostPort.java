package dev.mtk.cli;

/**
 * An address option as users write it: {@code HOST:PORT}, {@code [::1]:PORT}, or a bare {@code PORT} on the default
 * host.
 *
 * @param host the host, without brackets
 * @param port the port
 */
record HostPort(String host, int port) {

    /**
     * Parses {@code value}, failing with a usage error that names the option and what it accepts.
     *
     * @param defaultHost the host of a bare port
     */
    static HostPort parse(String option, String value, String defaultHost, boolean zeroAllowed) {
        String text = value.trim();
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? defaultHost : text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || (colon < 0 && text.isEmpty())) {
            throw new UsageException("invalid " + option + " '" + value + "': expected HOST:PORT or PORT");
        }
        int port;
        try {
            port = OptionValues.port(option, text.substring(colon + 1), zeroAllowed);
        } catch (UsageException e) {
            throw new UsageException("invalid " + option + " '" + value + "': expected HOST:PORT or PORT, the port from "
                    + (zeroAllowed ? 0 : 1) + " to 65535");
        }
        return new HostPort(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
