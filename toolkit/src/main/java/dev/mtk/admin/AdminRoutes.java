package dev.mtk.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtk.embed.BehaviourException;
import dev.mtk.embed.MtkServer;
import dev.mtk.embed.SessionInfo;
import dev.mtk.journal.Journal;
import dev.mtk.journal.JournalEntry;
import dev.mtk.journal.JournalQuery;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What each admin route does to an {@link MtkServer}, apart from HTTP: a method, a path, a query and a body in, a
 * status and a JSON value out, an {@link AdminError} for a refusal. {@link AdminServer} carries it over HTTP; keeping
 * the two apart lets the routes say what they mean without the plumbing of {@code HttpExchange}.
 */
final class AdminRoutes {
    /** Every route, for the 404 that names them. */
    static final String ROUTES = "GET /health, GET /sessions, DELETE /sessions/{id}, GET /journal, POST /reset, "
            + "PUT /behaviour, GET /metrics";
    /** Prometheus' text exposition format, the one {@code ServerMetrics.prometheus()} writes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final List<String> JOURNAL_PARAMETERS = List.of("since", "session", "path", "value");

    private final MtkServer server;
    private final ObjectMapper json;

    AdminRoutes(MtkServer server, ObjectMapper json) {
        this.server = server;
        this.json = json;
    }

    /** A status and what goes back: a value written as JSON, or {@link Text} written as it is. */
    record Reply(int status, Object body) {
        static Reply ok(Object body) {
            return new Reply(200, body);
        }
    }

    /** A body that is not JSON: the metrics' scrape text. */
    record Text(String contentType, String text) {
    }

    Reply handle(String method, String path, String rawQuery, byte[] body) {
        if (path.equals("/health")) {
            allow(method, "GET");
            return Reply.ok(health());
        }
        if (path.equals("/sessions")) {
            allow(method, "GET");
            return Reply.ok(Map.of("sessions", server.sessions().stream().map(AdminRoutes::session).toList()));
        }
        if (path.startsWith("/sessions/")) {
            allow(method, "DELETE");
            return closeSession(path.substring("/sessions/".length()));
        }
        if (path.equals("/journal")) {
            allow(method, "GET");
            return Reply.ok(journal(parameters(rawQuery)));
        }
        if (path.equals("/reset")) {
            allow(method, "POST");
            server.reset();
            return Reply.ok(Map.of("reset", true));
        }
        if (path.equals("/behaviour")) {
            allow(method, "PUT");
            return Reply.ok(replaceBehaviour(body));
        }
        if (path.equals("/metrics")) {
            allow(method, "GET");
            return Reply.ok(new Text(PROMETHEUS_TEXT, server.metrics().prometheus()));
        }
        throw new AdminError(404, "no route " + path + " (routes: " + ROUTES + ")");
    }

    private static void allow(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new AdminError(405, method + " is not allowed here: use " + allowed, allowed);
        }
    }

    private Map<String, Object> health() {
        Journal journal = server.journal();
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "up");
        health.put("sessions", server.sessionCount());
        health.put("address", dev.mtk.internal.Addresses.format(server.address()));
        health.put("profile", server.profile().name());
        health.put("journal", journal.size());
        health.put("lastSeq", journal.lastSeq());
        health.put("dropped", journal.dropped());
        return health;
    }

    private static Map<String, Object> session(SessionInfo info) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("id", info.id());
        session.put("peer", info.peer());
        session.put("openedAt", info.openedAt().toString());
        session.put("bytesIn", info.bytesIn());
        session.put("bytesOut", info.bytesOut());
        session.put("messagesIn", info.messagesIn());
        session.put("messagesOut", info.messagesOut());
        return session;
    }

    private Reply closeSession(String text) {
        long id = number("session id", text);
        if (!server.closeSession(id)) {
            throw new AdminError(404, "no session " + id + " is open");
        }
        return Reply.ok(Map.of("closed", id));
    }

    private Map<String, Object> journal(Map<String, String> parameters) {
        for (String name : parameters.keySet()) {
            if (!JOURNAL_PARAMETERS.contains(name)) {
                throw new AdminError(400, "unknown parameter '" + name + "' (known: "
                        + String.join(", ", JOURNAL_PARAMETERS) + ")");
            }
        }
        JournalQuery query = JournalQuery.all();
        if (parameters.containsKey("since")) {
            query = query.since(number("since", parameters.get("since")));
        }
        if (parameters.containsKey("session")) {
            query = query.session(number("session", parameters.get("session")));
        }
        String path = parameters.get("path");
        if ((path == null) != !parameters.containsKey("value")) {
            throw new AdminError(400, "path and value go together: path=$.op&value=put");
        }
        if (path != null) {
            try {
                query = query.path(path, expected(parameters.get("value")));
            } catch (IllegalArgumentException e) {
                throw new AdminError(400, "path: " + e.getMessage());
            }
        }
        Journal journal = server.journal();
        // lastSeq before reading, so that a caller polling with since=lastSeq misses nothing recorded meanwhile.
        long lastSeq = journal.lastSeq();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (JournalEntry entry : journal.received(query)) {
            entries.add(entry(entry));
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("lastSeq", lastSeq);
        reply.put("dropped", journal.dropped());
        reply.put("entries", entries);
        return reply;
    }

    /**
     * A query's {@code value} as JSON when it parses ({@code 7}, {@code true}, {@code "7"}), so that it compares with
     * a number as a number; otherwise the text itself ({@code put}), which is what people type.
     */
    private Object expected(String value) {
        try {
            return json.readValue(value, Object.class);
        } catch (JsonProcessingException notJson) {
            return value;
        }
    }

    /** An entry with its decoded value where it is JSON's kind of value, else the codec's rendering as "body". */
    private static Map<String, Object> entry(JournalEntry entry) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("seq", entry.seq());
        view.put("session", entry.session());
        view.put("peer", entry.peer());
        view.put("at", entry.at().toString());
        view.put("wireSize", entry.wireSize());
        Object value = null;
        boolean decoded;
        try {
            value = entry.value();
            decoded = value == null || value instanceof Map || value instanceof List || value instanceof String
                    || value instanceof Number || value instanceof Boolean;
        } catch (IllegalStateException undecodable) {
            decoded = false;
        }
        if (decoded) {
            view.put("value", value);
        } else {
            view.put("body", entry.render());
        }
        view.put("header", entry.header());
        return view;
    }

    private Map<String, Object> replaceBehaviour(byte[] body) {
        Map<?, ?> request;
        try {
            request = json.readValue(body, Map.class);
        } catch (JsonProcessingException e) {
            throw new AdminError(400, "the body is not a JSON object: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new AdminError(400, "the body cannot be read: " + e.getMessage());
        }
        if (request == null) {
            throw new AdminError(400, "the body is not a JSON object: null");
        }
        Object script = request.get("script");
        Object handler = request.get("handler");
        if ((script == null) == (handler == null)) {
            throw new AdminError(400, "give {\"script\": \"groovy text\"} or {\"handler\": \"NAME\", \"options\": {...}}");
        }
        try {
            if (script != null) {
                String name = request.get("name") instanceof String given ? given : MtkServer.SCRIPT_NAME;
                server.replaceBehaviour(text("script", script), name);
                return Map.of("behaviour", "script " + name);
            }
            String name = text("handler", handler);
            Map<String, String> options = handlerOptions(request.get("options"));
            try {
                server.replaceBehaviour(name, options);
            } catch (BehaviourException unknown) {
                throw new AdminError(400, unknown.getMessage());
            }
            return Map.of("behaviour", "handler " + name + (options.isEmpty() ? "" : ":" + options.entrySet().stream()
                    .map(option -> option.getKey() + "=" + option.getValue()).collect(Collectors.joining(","))));
        } catch (BehaviourException failed) {
            throw new AdminError(409, failed.getMessage() + " (the old behaviour stays)");
        } catch (IllegalStateException fixed) {
            throw new AdminError(409, fixed.getMessage());
        }
    }

    /**
     * A handler's options, {@code {"label": "hits"}}, handed to it as they are: no {@code key=value} text to parse
     * again, so a value may hold a comma. Nested objects and lists are refused: an option is one value.
     */
    private static Map<String, String> handlerOptions(Object options) {
        if (options == null) {
            return Map.of();
        }
        if (!(options instanceof Map<?, ?> map)) {
            throw new AdminError(400, "options must be a JSON object: {\"label\": \"hits\"}");
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (Map.Entry<?, ?> option : map.entrySet()) {
            if (option.getValue() instanceof Map || option.getValue() instanceof List) {
                throw new AdminError(400, "option '" + option.getKey() + "' must be a plain value: " + option.getValue());
            }
            given.put(String.valueOf(option.getKey()), String.valueOf(option.getValue()));
        }
        return given;
    }

    private static String text(String field, Object value) {
        if (!(value instanceof String text)) {
            throw new AdminError(400, field + " must be a string: " + value);
        }
        return text;
    }

    private static long number(String what, String text) {
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new AdminError(400, "invalid " + what + " '" + text + "': expected a whole number, 0 or more");
    }

    /** {@code a=1&b=%24.op} as a map; a name given twice keeps its last value. */
    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new AdminError(400, "the query is not URL-encoded: " + pair);
            }
        }
        return parameters;
    }
}
