package dev.mtk.junit5;

import dev.mtk.embed.MtkServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * What a test asked for: the builder calls that make its server, how long the server lives, and whether unverified
 * messages fail a test. {@link #start()} may be called once per test; each call makes a new server.
 *
 * @param origin           where it was declared, as errors name it: {@code @MockServer field InventoryTest.server}
 * @param steps            applied in order to a new {@link MtkServer.Builder}
 * @param lifecycle        one server per class or per test
 * @param failOnUnexpected whether a passing test that leaves unverified messages fails
 */
record ServerDeclaration(String origin, List<Consumer<MtkServer.Builder>> steps, Lifecycle lifecycle,
                         boolean failOnUnexpected) {

    ServerDeclaration {
        Objects.requireNonNull(origin, "origin");
        steps = List.copyOf(steps);
        Objects.requireNonNull(lifecycle, "lifecycle");
    }

    /**
     * The declaration {@code annotation} makes; its builder calls are tried at once on a builder that is thrown away,
     * so a bad value is reported where it was written rather than when a test first needs the server.
     *
     * @throws ExtensionConfigurationException for two behaviours, or a value the builder refuses, naming {@code origin}
     */
    static ServerDeclaration of(MockServer annotation, String origin) {
        List<Consumer<MtkServer.Builder>> steps = new ArrayList<>();
        text(steps, annotation.profile(), MtkServer.Builder::profile);
        text(steps, annotation.framing(), MtkServer.Builder::framing);
        text(steps, annotation.payload(), MtkServer.Builder::payload);
        text(steps, annotation.exchange(), MtkServer.Builder::exchange);
        text(steps, annotation.correlate(), MtkServer.Builder::correlate);
        int behaviours = 0;
        for (String given : new String[] {annotation.handler(), annotation.script(), annotation.scriptFile()}) {
            behaviours += given.isEmpty() ? 0 : 1;
        }
        if (behaviours > 1) {
            throw new ExtensionConfigurationException(origin
                    + ": give one of handler, script and scriptFile; a server has one behaviour");
        }
        text(steps, annotation.handler(), MtkServer.Builder::handler);
        text(steps, annotation.script(), (builder, text) -> builder.script(text, "@MockServer script"));
        text(steps, annotation.scriptFile(), (builder, file) -> builder.script(Path.of(file)));
        if (annotation.maxFrame() >= 0) {
            steps.add(builder -> builder.maxFrame(annotation.maxFrame()));
        }
        if (annotation.journal() >= 0) {
            steps.add(builder -> builder.journal(annotation.journal()));
        }
        if (annotation.plugins().length > 0) {
            Path[] folders = new Path[annotation.plugins().length];
            for (int i = 0; i < folders.length; i++) {
                folders[i] = Path.of(annotation.plugins()[i]);
            }
            steps.add(builder -> builder.plugins(folders));
        }
        ServerDeclaration declaration = new ServerDeclaration(origin, steps, annotation.lifecycle(),
                annotation.failOnUnexpected());
        declaration.check();
        return declaration;
    }

    private static void text(List<Consumer<MtkServer.Builder>> steps, String value,
                             java.util.function.BiConsumer<MtkServer.Builder, String> call) {
        if (!value.isEmpty()) {
            steps.add(builder -> call.accept(builder, value));
        }
    }

    /**
     * Applies the steps to a builder nobody starts, so that the builder's own checks (a negative frame size) speak now.
     *
     * @throws ExtensionConfigurationException naming {@link #origin()} and what the builder said
     */
    void check() {
        try {
            apply(MtkServer.builder());
        } catch (RuntimeException e) {
            throw refused(e);
        }
    }

    /**
     * A new server, as declared.
     *
     * @throws ExtensionConfigurationException naming {@link #origin()} when the server cannot start (an unknown
     *         profile or handler, a script that does not compile, an address that cannot be bound)
     */
    MtkServer start() {
        try {
            return apply(MtkServer.builder()).start();
        } catch (RuntimeException e) {
            throw refused(e);
        }
    }

    private MtkServer.Builder apply(MtkServer.Builder builder) {
        for (Consumer<MtkServer.Builder> step : steps) {
            step.accept(builder);
        }
        return builder;
    }

    private ExtensionConfigurationException refused(RuntimeException e) {
        return new ExtensionConfigurationException(origin + ": " + e.getMessage(), e);
    }
}
