package dev.mtk.bench;

/**
 * Why a request failed, as the report counts it: {@code errors 0} means every request got exactly its reply (and
 * every reply passed {@code --expect}).
 */
enum ErrorKind {
    /** A connection could not be opened. */
    CONNECT("connect"),
    /** No reply within {@code --timeout}. */
    TIMEOUT("timeout"),
    /** The server closed a connection with requests owed. */
    CLOSED("closed by server"),
    /** Without {@code --correlate}: a reply with no request waiting for one. */
    UNEXPECTED("unexpected reply"),
    /** A reply whose id no request of its connection had. */
    UNKNOWN_ID("unknown id"),
    /** A second reply to a request already answered. */
    DUPLICATE("duplicate reply"),
    /** A reply to a request that had already timed out. */
    LATE("late reply"),
    /** With {@code --correlate}: a reply without the id. */
    NO_ID("reply without id"),
    /** A request not sent: one with its id was still in flight on its connection, so replies could not be paired. */
    ID_IN_FLIGHT("id in flight"),
    /** A request the framing would not carry (a whole-frame framing's check, a header value too wide). */
    REFUSED("request refused"),
    /** A reply that {@code --expect} refused. */
    FAILED_CHECK("failed check");

    private final String label;

    ErrorKind(String label) {
        this.label = label;
    }

    /** As the report names it. */
    String label() {
        return label;
    }
}
