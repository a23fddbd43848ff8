package dev.mtk.cli;

import dev.mtk.internal.Addresses;
import dev.mtk.spi.Handler;
import dev.mtk.session.Client;
import dev.mtk.session.ClientConfig;
import dev.mtk.session.ClientSession;
import dev.mtk.session.Profile;
import dev.mtk.session.SeedHandler;
import dev.mtk.session.OvertakeHandlerProvider;
import dev.mtk.session.SeedMessage;
import dev.mtk.session.Sent;
import dev.mtk.plugin.Registry;
import dev.mtk.spi.PayloadException;
import dev.mtk.session.Server;
import dev.mtk.session.ServerConfig;
import dev.mtk.spi.Conversation;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code mtk demo}: the profile's exchange between an mtk server and an mtk client in one process, on a free loopback
 * port, with both sides' log lines: the seed's three steps, two requests and their replies (with {@code --correlate},
 * from a server whose replies overtake each other), or two one-way messages.
 */
final class DemoCommand implements Command {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "an mtk server and client in this process, on loopback, doing the profile's exchange";
    }

    @Override
    public List<String> examples() {
        return List.of("mtk demo                    # both sides' log lines, then send over",
                "mtk demo --profile seed     # the seed's own framing and handshake",
                "mtk demo --profile reply --correlate '$.id'   # replies out of order, paired by id",
                "mtk demo --payload text");
    }

    /** No TLS: both sides are in this process, on loopback, with no certificate to show. */
    @Override
    public Options options() {
        return CommonOptions.addTalk(CommonOptions.addSpeaking(new Options()));
    }

    @Override
    public int run(CommandLine line, Console console) throws Exception {
        Profile profile = CommonOptions.profile(line, CommonOptions.codecs(line, console));
        FrameLimits limits = CommonOptions.limits(line);
        ClosingLatch behaviour = new ClosingLatch(switch (profile.exchange()) {
            case SEED -> new SeedHandler();
            case REPLY -> profile.correlation().present() ? OvertakeHandlerProvider.handler()
                    : Registry.builtIn().handler("echo");
            case ONE_WAY -> Registry.builtIn().handler("silent");
        });
        ServerConfig serverConfig = ServerConfig.builder().port(0).profile(profile).limits(limits).ioThreads(1).build();
        ClientConfig clientConfig = ClientConfig.builder().profile(profile).limits(limits).connectTimeout(TIMEOUT)
                .ioThreads(1).build();
        try (Server server = Server.start(serverConfig, behaviour);
                Client client = Client.open(clientConfig)) {
            console.out().println("listening on " + Addresses.format(server.address()) + " (profile " + profile.name()
                    + ", framing " + profile.framing() + ", payload " + profile.payload().name() + profile.exchangeText() + ")");
            console.out().flush();
            ClientSession session = client.connect(ServerConfig.DEFAULT_HOST, server.port());
            switch (profile.exchange()) {
                case SEED -> session.exchange(SeedMessage.body(profile.payload()), TIMEOUT);
                case REPLY -> {
                    List<Sent> sent = new ArrayList<>();
                    for (byte[] request : requests(profile)) {
                        sent.add(session.send(request));
                    }
                    for (Sent request : sent) {
                        session.replyTo(request, TIMEOUT);
                    }
                }
                case ONE_WAY -> {
                    for (byte[] request : requests(profile)) {
                        session.send(request);
                    }
                }
            }
            session.close();
            // So that the server's last line (the close) is shown before the summary.
            behaviour.closed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        console.out().println("send over");
        return 0;
    }

    /** Two requests with ids, as the payload codec takes them (a plain string where it takes no JSON). */
    private static List<byte[]> requests(Profile profile) {
        List<byte[]> requests = new ArrayList<>();
        for (String request : List.of("{\"id\":1,\"op\":\"get\",\"key\":\"a\"}",
                "{\"id\":2,\"op\":\"get\",\"key\":\"b\"}")) {
            try {
                requests.add(profile.payload().parse(request));
            } catch (PayloadException e) {
                requests.add(profile.payload().string(request));
            }
        }
        return requests;
    }

    /** A behaviour, counting down when a session closes. */
    private static final class ClosingLatch implements Handler {
        private final Handler delegate;
        private final CountDownLatch closed = new CountDownLatch(1);

        ClosingLatch(Handler delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onMessage(Conversation session, Received message) throws Exception {
            delegate.onMessage(session, message);
        }

        @Override
        public void onClose(Conversation session) throws Exception {
            delegate.onClose(session);
            closed.countDown();
        }
    }
}
