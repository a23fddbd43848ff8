package dev.mtk.junit5;

import dev.mtk.embed.MtkServer;
import dev.mtk.journal.JournalVerificationError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * The servers one extension started for one test class or one test, each under the key of its declaration (a field,
 * a parameter, an extension). It lives in that context's store, so JUnit closes it, and with it every server, when
 * the class or the test is over, however it ended.
 */
final class StartedServers implements AutoCloseable {
    private final Map<Object, Started> servers = new LinkedHashMap<>();

    /**
     * The servers of {@code lifecycle} in {@code context}: its test class's for {@link Lifecycle#PER_CLASS}, its test's
     * for {@link Lifecycle#PER_TEST}. The lifecycle is the store key as well: a test's store also sees its class's
     * values, so one key for both would hand a test its class's servers.
     */
    static StartedServers of(ExtensionContext context, Namespace namespace, Lifecycle lifecycle) {
        ExtensionContext owner = lifecycle == Lifecycle.PER_CLASS ? classContext(context) : context;
        return owner.getStore(namespace).getOrComputeIfAbsent(lifecycle, key -> new StartedServers(),
                StartedServers.class);
    }

    /** The context of the test class {@code context} belongs to. */
    static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /** The server under {@code key}, started from {@code declaration} when there is none yet. */
    synchronized MtkServer getOrStart(Object key, ServerDeclaration declaration) {
        Started started = servers.get(key);
        if (started == null) {
            started = new Started(declaration, declaration.start());
            servers.put(key, started);
        }
        return started.server();
    }

    /** The server under {@code key}, if it was started. */
    synchronized Optional<MtkServer> get(Object key) {
        Started started = servers.get(key);
        return started == null ? Optional.empty() : Optional.of(started.server());
    }

    /** Clears every server's journal and shared state, for the next test. */
    synchronized void resetAll() {
        for (Started started : servers.values()) {
            started.server().reset();
        }
    }

    /**
     * What the servers that asked for it ({@code failOnUnexpected}) received and no verification matched, one paragraph
     * per server naming it and where it was declared; empty when there is nothing to report.
     */
    synchronized List<String> unexpected() {
        List<String> reports = new ArrayList<>();
        for (Started started : servers.values()) {
            if (started.declaration().failOnUnexpected()) {
                try {
                    started.server().journal().verifyNoUnexpectedMessages();
                } catch (JournalVerificationError e) {
                    reports.add(started.server() + ", " + started.declaration().origin() + ": " + e.getMessage());
                }
            }
        }
        return reports;
    }

    /** Closes every server, even when one of them fails to close; the first failure is thrown, the rest suppressed. */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        for (Started started : servers.values()) {
            try {
                started.server().close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        servers.clear();
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Fails the test of {@code context} with every report of {@code servers} when the test itself passed: a failed
     * test already says what went wrong, and its unverified messages are likely a consequence.
     *
     * @throws AssertionError listing the unverified messages of each server that has some
     */
    static void failIfUnexpected(ExtensionContext context, List<StartedServers> servers) {
        if (context.getExecutionException().isPresent()) {
            return;
        }
        List<String> reports = new ArrayList<>();
        for (StartedServers group : servers) {
            reports.addAll(group.unexpected());
        }
        if (!reports.isEmpty()) {
            throw new AssertionError(String.join("\n", reports));
        }
    }

    private record Started(ServerDeclaration declaration, MtkServer server) {
    }
}
