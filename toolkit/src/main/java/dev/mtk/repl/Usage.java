package dev.mtk.repl;

import java.util.List;
import java.util.Optional;

/**
 * One REPL command as {@code help} shows it.
 *
 * @param name      what the user types first
 * @param arguments what follows, e.g. {@code HOST:PORT [--profile P]}
 * @param summary   one line
 */
record Usage(String name, String arguments, String summary) {

    static final List<Usage> ALL = List.of(
            new Usage("connect", "HOST:PORT [--profile P] [--framing F] [--payload C] [--exchange E] [--correlate EXPR]",
                    "open a session and make it the current one"),
            new Usage("sessions", "", "list the sessions: id, peer, profile, payload, state, frames in and out"),
            new Usage("use", "ID", "make session ID the current one"),
            new Usage("send", "[[FIELD=N ...]] BODY", "send BODY as typed for the payload, header fields set; correlated, "
                    + "wait for its reply"),
            new Usage("ack", "", "after send: take the server's acknowledgement (waiting for it) and answer ok"),
            new Usage("exchange", "BODY", "the seed's three steps at once: send BODY, then ack"),
            new Usage("expect", "[TIMEOUT] [BODY]", "wait for the next frame not yet taken, or one with BODY's value "
                    + "(any order when correlated)"),
            new Usage("close", "[ID]", "close the current session, or session ID"),
            new Usage("payload", "[NAME]", "show, or type and show the current session's bodies with another codec"),
            new Usage("hex", "[on|off]", "also show every frame's bytes as they went on the wire"),
            new Usage("load", "FILE.groovy", "run a Groovy script with the REPL's sessions and variables"),
            new Usage("help", "[COMMAND]", "list the commands, or tell about one"),
            new Usage("quit", "", "close every session and leave (also Ctrl-D)"));

    static List<String> names() {
        return ALL.stream().map(Usage::name).toList();
    }

    static Optional<Usage> of(String name) {
        return ALL.stream().filter(usage -> usage.name().equals(name)).findFirst();
    }

    /** {@code send BODY}. */
    String synopsis() {
        return arguments.isEmpty() ? name : name + " " + arguments;
    }
}
