package dev.mtk.repl;

import dev.mtk.internal.HostPort;
import dev.mtk.session.Client;
import dev.mtk.session.ClientConfig;
import dev.mtk.session.TlsSettings;
import dev.mtk.session.ClientSession;
import dev.mtk.session.Profile;
import dev.mtk.session.SessionException;
import dev.mtk.spi.FrameLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The REPL's sessions by id, and the current one. One {@link Client} (one I/O thread) per way of speaking, shared by
 * the sessions that speak it. A session the server dropped stays listed, marked closed; one the user closed goes.
 */
final class Sessions implements AutoCloseable {
    private final FrameLimits limits;
    private final Duration timeout;
    private final ReplSession.Events events;
    private final Map<String, Client> clients = new HashMap<>();
    private final NavigableMap<Integer, ReplSession> sessions = new ConcurrentSkipListMap<>();
    private volatile ReplSession current;
    private int nextId = 1;

    private final TlsSettings tls;

    Sessions(FrameLimits limits, Duration timeout, TlsSettings tls, ReplSession.Events events) {
        this.tls = tls;
        this.limits = limits;
        this.timeout = timeout;
        this.events = events;
    }

    /** Opens a session and makes it the current one. */
    ReplSession connect(HostPort address, Profile profile) {
        Client client = clients.computeIfAbsent(profile.describe(),
                key -> Client.open(ClientConfig.builder().profile(profile).limits(limits).connectTimeout(timeout)
                        .ioThreads(1).tls(tls).build()));
        ClientSession session;
        try {
            session = client.connect(address.host(), address.port());
        } catch (SessionException e) {
            throw new ReplFailure(e.getMessage(), e);
        }
        ReplSession repl = ReplSession.attach(nextId++, session, profile.payload(), timeout, events);
        sessions.put(repl.getId(), repl);
        current = repl;
        return repl;
    }

    Optional<ReplSession> current() {
        return Optional.ofNullable(current);
    }

    /** The current session, or a failure saying how to get one. */
    ReplSession require() {
        ReplSession session = current;
        if (session == null) {
            throw new ReplFailure("no session: connect HOST:PORT first");
        }
        return session;
    }

    /** Session {@code id} as typed: {@code 2} or {@code #2}. */
    ReplSession get(String id) {
        String digits = id.startsWith("#") ? id.substring(1) : id;
        try {
            ReplSession session = sessions.get(Integer.parseInt(digits.trim()));
            if (session != null) {
                return session;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ReplFailure("no session '" + id + "' " + (sessions.isEmpty() ? "(none is open: connect HOST:PORT)"
                : "(sessions: " + String.join(", ", sessions.keySet().stream().map(String::valueOf).toList()) + ")"));
    }

    void use(ReplSession session) {
        current = session;
    }

    /** Closes {@code session} and forgets it; the newest remaining session becomes the current one. */
    void close(ReplSession session) {
        session.close();
        sessions.remove(session.getId());
        if (current == session) {
            current = sessions.isEmpty() ? null : sessions.lastEntry().getValue();
        }
    }

    Collection<ReplSession> all() {
        return Collections.unmodifiableCollection(sessions.values());
    }

    /** A live, read-only view by id: Groovy's {@code sessions}. */
    Map<Integer, ReplSession> byId() {
        return Collections.unmodifiableMap(sessions);
    }

    int count() {
        return sessions.size();
    }

    @Override
    public void close() {
        List<ReplSession> open = new ArrayList<>(sessions.values());
        open.forEach(ReplSession::close);
        sessions.clear();
        current = null;
        clients.values().forEach(Client::close);
        clients.clear();
    }
}
