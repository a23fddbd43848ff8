package dev.mtk.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.session.Client;
import dev.mtk.session.ClientConfig;
import dev.mtk.session.ClientSession;
import dev.mtk.session.Profile;
import dev.mtk.session.Server;
import dev.mtk.session.ServerConfig;
import dev.mtk.session.SessionClosedException;
import dev.mtk.spi.HandlerProvider;
import dev.mtk.testing.JarBuilder;
import dev.mtk.testing.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A handler from a plugin jar, loaded as users load one, serving real sessions. */
class HandlerPluginTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Answers {"shout": TEXT} with TEXT in capitals, counts in shared state, and fails on "boom". */
    private static final String SHOUT = """
            package com.example.shout;
            import dev.mtk.spi.*;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.atomic.AtomicLong;
            public final class ShoutProvider implements HandlerProvider {
              public String name() { return "shout"; }
              public String description() { return "answers in capitals"; }
              public List<String> options() { return List.of("suffix"); }
              public Handler create(Options options) {
                String suffix = options.get("suffix", "");
                return (session, message) -> {
                  String text = String.valueOf(((Map<?, ?>) message.value()).get("shout"));
                  if (text.equals("boom")) throw new IllegalStateException("no shouting boom");
                  long count = ((AtomicLong) session.shared().computeIfAbsent("count", k -> new AtomicLong())).incrementAndGet();
                  session.reply(Map.of("said", text.toUpperCase() + suffix, "count", count));
                };
              }
            }
            """;

    @TempDir
    Path plugins;
    private Server server;
    private Client client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Registry registryWithShout() throws Exception {
        new JarBuilder().source("com.example.shout.ShoutProvider", SHOUT)
                .service(HandlerProvider.class, "com.example.shout.ShoutProvider")
                .build(plugins.resolve("shout.jar"));
        Registry registry = Registry.load(List.of(plugins));
        assertThat(registry.warnings()).isEmpty();
        return registry;
    }

    private ClientSession serveAndConnect(Registry registry, String handler) {
        server = Server.start(ServerConfig.loopback(0, Profile.json()), registry.handler(handler));
        client = Client.open(ClientConfig.of(Profile.json()));
        return client.connect("127.0.0.1", server.port());
    }

    @Test
    void aPluginsHandlerIsListedAndServesRealSessions() throws Exception {
        Registry registry = registryWithShout();

        ClientSession session = serveAndConnect(registry, "shout:suffix=!");
        session.send("{\"shout\":\"hi\"}");

        assertThat(session.receive(TIMEOUT).value()).isEqualTo(java.util.Map.of("said", "HI!", "count", 1));
        assertThat(registry.all()).contains(new PluginInfo("handler", "shout", "1.0.0",
                plugins.resolve("shout.jar").toString(), "answers in capitals"));
    }

    @Test
    void aHandlerThatThrowsClosesOnlyThatSessionAndSharedStateLivesOn() throws Exception {
        ClientSession first = serveAndConnect(registryWithShout(), "shout");
        ClientSession second = client.connect("127.0.0.1", server.port());
        try (LogCapture log = new LogCapture()) {
            first.send("{\"shout\":\"a\"}");
            first.receive(TIMEOUT);
            first.send("{\"shout\":\"boom\"}");

            assertThatThrownBy(() -> first.receive(TIMEOUT)).isInstanceOf(SessionClosedException.class);
            log.awaitContaining("closed: handler failed: java.lang.IllegalStateException: no shouting boom");
        }
        second.send("{\"shout\":\"b\"}");
        assertThat(second.receive(TIMEOUT).value()).isEqualTo(java.util.Map.of("said", "B", "count", 2));
    }

    @Test
    void anUnknownHandlerListsTheKnownOnes() {
        assertThatThrownBy(() -> Registry.builtIn().handler("kv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown handler 'kv' (known: echo, overtake, seed, silent)");
    }

    @Test
    void aBuiltInHandlerRefusingAnOptionIsNamed() {
        assertThatThrownBy(() -> Registry.builtIn().handler("echo:size=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("handler echo: unknown option 'size' (it takes none)");
    }

    @Test
    void aPluginHandlerRefusingAnOptionIsNamed() throws Exception {
        new JarBuilder().source("com.example.picky.PickyProvider", """
                        package com.example.picky;
                        import dev.mtk.spi.*;
                        import java.util.List;
                        public final class PickyProvider implements HandlerProvider {
                          public String name() { return "picky"; }
                          public List<String> options() { return List.of("size", "mode"); }
                          public Handler create(Options options) {
                            return (session, message) -> { };
                          }
                        }
                        """)
                .service(HandlerProvider.class, "com.example.picky.PickyProvider")
                .build(plugins.resolve("picky.jar"));

        assertThatThrownBy(() -> Registry.load(List.of(plugins)).handler("picky:bogus=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("handler picky: unknown option 'bogus' (known: size, mode)");
    }

    @Test
    void aPluginHandlerThatFailsToBeCreatedIsNamedOnOneLine() throws Exception {
        new JarBuilder().source("com.example.broken.BrokenProvider", """
                        package com.example.broken;
                        import dev.mtk.spi.*;
                        public final class BrokenProvider implements HandlerProvider {
                          public String name() { return "broken"; }
                          public Handler create(Options options) {
                            throw new IllegalStateException("no store configured");
                          }
                        }
                        """)
                .service(HandlerProvider.class, "com.example.broken.BrokenProvider")
                .build(plugins.resolve("broken.jar"));

        assertThatThrownBy(() -> Registry.load(List.of(plugins)).handler("broken"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("handler broken: cannot be created: java.lang.IllegalStateException: no store configured");
    }

    @Test
    void aPluginNamingItselfInItsRefusalIsNotNamedTwice() throws Exception {
        new JarBuilder().source("com.example.old.OldProvider", """
                        package com.example.old;
                        import dev.mtk.spi.*;
                        import java.util.List;
                        public final class OldProvider implements HandlerProvider {
                          public String name() { return "old"; }
                          public List<String> options() { return List.of("x"); }
                          public Handler create(Options options) {
                            throw new IllegalArgumentException("handler old takes no x yet");
                          }
                        }
                        """)
                .service(HandlerProvider.class, "com.example.old.OldProvider")
                .build(plugins.resolve("old.jar"));

        assertThatThrownBy(() -> Registry.load(List.of(plugins)).handler("old:x=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("handler old takes no x yet");
    }
}
