package dev.mtk.script;

import dev.mtk.internal.Addresses;
import dev.mtk.embed.MtkServer;

/** A server a scenario started: {@code srv.port}, {@code srv.address}, {@code srv.close()}. */
public final class ScriptServer implements AutoCloseable {
    private final MtkServer server;

    ScriptServer(MtkServer server) {
        this.server = server;
    }

    /** The bound port, the real one when port 0 was asked for. */
    public int getPort() {
        return server.port();
    }

    /** {@code 127.0.0.1:PORT}. */
    public String getAddress() {
        return Addresses.format(server.address());
    }

    /** Sessions open now. */
    public int getSessions() {
        return server.sessionCount();
    }

    /** Whether a session from one of {@code peers} ({@code host:port}) is still open here. */
    boolean serves(java.util.Set<String> peers) {
        return server.sessions().stream().anyMatch(session -> peers.contains(session.peer()));
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "server " + getAddress();
    }
}
