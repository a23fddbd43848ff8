package dev.mtk.junit5;

import dev.mtk.embed.MtkServer;
import dev.mtk.spi.Handler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * An mtk server for a test class, registered as a field; for a server that needs a lambda or a {@link Handler}
 * object, which an annotation cannot hold.
 *
 * <pre>{@code
 * @RegisterExtension
 * static MtkServerExtension server = MtkServerExtension.builder().profile("reply")
 *         .handler((session, message) -> session.reply(Map.of("ok", true)))
 *         .build();
 *
 * @Test
 * void putsTheItem(MtkServer mtk) {
 *     new InventoryClient("127.0.0.1", server.port()).put("a");
 *     mtk.journal().verify(JournalQuery.all().path("$.op", "put"));
 * }
 * }</pre>
 *
 * <p>A {@link Lifecycle#PER_CLASS} server (the default) needs a static field (or {@code @TestInstance(PER_CLASS)}):
 * JUnit tells an extension on an instance field nothing about the class. Tests may take the server as an
 * {@link MtkServer} parameter and its port as a {@link ServerPort} one; {@link #server()} and {@link #port()} give the
 * same to code that has the field. It is reset before each test and closed after its lifecycle, however the tests end.
 */
public final class MtkServerExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {
    private final ServerDeclaration declaration;
    /** Each extension its own namespace, so that two servers in one class keep apart. */
    private final Namespace namespace = Namespace.create(MtkServerExtension.class, this);
    /** The server of the test running now, or of the class; tests in parallel should take the parameter instead. */
    private volatile MtkServer current;

    private MtkServerExtension(ServerDeclaration declaration) {
        this.declaration = declaration;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The server of the running test.
     *
     * @throws IllegalStateException outside a test of the class that registers it
     */
    public MtkServer server() {
        MtkServer server = current;
        if (server == null) {
            throw new IllegalStateException("MtkServerExtension: no server yet; it is started before "
                    + (declaration.lifecycle() == Lifecycle.PER_CLASS ? "the class's tests" : "each test"));
        }
        return server;
    }

    /** The port of the running test's server; see {@link #server()}. */
    public int port() {
        return server().port();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (declaration.lifecycle() == Lifecycle.PER_CLASS) {
            current = StartedServers.of(context, namespace, Lifecycle.PER_CLASS).getOrStart(this, declaration);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (declaration.lifecycle() == Lifecycle.PER_TEST) {
            current = StartedServers.of(context, namespace, Lifecycle.PER_TEST).getOrStart(this, declaration);
            return;
        }
        MtkServer server = StartedServers.of(context, namespace, Lifecycle.PER_CLASS).get(this)
                .orElseThrow(() -> new ExtensionConfigurationException(declaration.origin() + ": a per-class server "
                        + "needs a static @RegisterExtension field (or @TestInstance(PER_CLASS)); make the field "
                        + "static or build it with lifecycle(PER_TEST)"));
        server.reset();
        current = server;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        StartedServers.failIfUnexpected(context, List.of(StartedServers.of(context, namespace,
                declaration.lifecycle())));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return !parameter.isAnnotated(MockServer.class) && (parameter.isAnnotated(ServerPort.class)
                || parameter.getParameter().getType() == MtkServer.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (declaration.lifecycle() == Lifecycle.PER_TEST && context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException(MtkExtension.where(parameter) + ": a per-test server exists "
                    + "while a test runs, not in @BeforeAll or a constructor");
        }
        MtkServer server = StartedServers.of(context, namespace, declaration.lifecycle()).get(this)
                .orElseThrow(() -> new ParameterResolutionException(MtkExtension.where(parameter)
                        + ": the server is not started yet"));
        return parameter.isAnnotated(ServerPort.class) ? MtkExtension.portOf(server, parameter) : server;
    }

    @Override
    public String toString() {
        return declaration.origin() + " (" + declaration.lifecycle() + ")";
    }

    /**
     * The server's settings, as {@link MtkServer.Builder} takes them; each is tried at once so that a bad value fails
     * where the field is declared. {@link #build()} may be called more than once.
     */
    public static final class Builder {
        private final List<Consumer<MtkServer.Builder>> steps = new ArrayList<>();
        /** Checks each step as it comes; never started. */
        private final MtkServer.Builder probe = MtkServer.builder();
        private Lifecycle lifecycle = Lifecycle.PER_CLASS;
        private boolean failOnUnexpected;

        private Builder() {
        }

        /** A profile by name: {@code json} (the default), {@code seed}, {@code reply}. */
        public Builder profile(String name) {
            return step(builder -> builder.profile(name));
        }

        /** A framing as {@code --framing} takes it: {@code length-field:width=2,order=little}. */
        public Builder framing(String spec) {
            return step(builder -> builder.framing(spec));
        }

        /** A payload codec by name: {@code json}, {@code text}, {@code bytes}, a plugin's. */
        public Builder payload(String name) {
            return step(builder -> builder.payload(name));
        }

        /** An exchange by name: {@code seed}, {@code reply}, {@code oneway}. */
        public Builder exchange(String name) {
            return step(builder -> builder.exchange(name));
        }

        /** Pairs replies with requests by a JSON path ({@code $.id}) or header field. */
        public Builder correlate(String expression) {
            return step(builder -> builder.correlate(expression));
        }

        /** What answers: a {@link Handler}, or a lambda {@code (session, message) -> session.reply(...)}. */
        public Builder handler(Handler handler) {
            return step(builder -> builder.handler(handler));
        }

        /** What answers, as {@code --handler} names it: {@code echo}, {@code kv:capacity=10}, a plugin's. */
        public Builder handler(String spec) {
            return step(builder -> builder.handler(spec));
        }

        /** What answers: a behaviour script file. */
        public Builder script(Path file) {
            return step(builder -> builder.script(file));
        }

        /** What answers: a behaviour script's text, called {@code name} in its errors. */
        public Builder script(String groovyText, String name) {
            return step(builder -> builder.script(groovyText, name));
        }

        /** Largest frame accepted, in bytes; 1 MiB by default. */
        public Builder maxFrame(int bytes) {
            return step(builder -> builder.maxFrame(bytes));
        }

        /** How many messages the journal keeps, 10,000 by default. */
        public Builder journal(int maxMessages) {
            return step(builder -> builder.journal(maxMessages));
        }

        /** Folders of plugin jars whose framings, payloads and handlers may be named. */
        public Builder plugins(Path... folders) {
            Path[] copy = folders.clone();
            return step(builder -> builder.plugins(copy));
        }

        /** Anything else the server builder takes ({@code host}, {@code config}, {@code fixedBehaviour}). */
        public Builder configure(Consumer<MtkServer.Builder> step) {
            return step(Objects.requireNonNull(step, "step"));
        }

        /** One server for the class (the default) or one per test. */
        public Builder lifecycle(Lifecycle value) {
            this.lifecycle = Objects.requireNonNull(value, "lifecycle");
            return this;
        }

        /**
         * Fails a test that passed but left messages in the journal that no {@code verify} matched, listing them; see
         * {@link dev.mtk.journal.Journal#verifyNoUnexpectedMessages()}.
         */
        public Builder failOnUnexpected() {
            this.failOnUnexpected = true;
            return this;
        }

        private Builder step(Consumer<MtkServer.Builder> step) {
            step.accept(probe);
            steps.add(step);
            return this;
        }

        public MtkServerExtension build() {
            return new MtkServerExtension(new ServerDeclaration("MtkServerExtension", steps, lifecycle,
                    failOnUnexpected));
        }
    }
}
