package dev.mtk.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.spi.FrameLimits;
import dev.mtk.testing.LogCapture;
import dev.mtk.testing.RawClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * mtk against the seed's Go programs, imitated with plain sockets that write and read exactly what the Go programs
 * write and read. The bytes are those captured between the Go client and server (docs/WIRE.md, "The seed's exchange
 * on the wire"), from a year when Joel was 53.
 */
class SeedInteropTest {
    private static final byte[] GO_CLIENT_MESSAGE = HexFormat.of().parseHex("486561646572730000003f7b224944223a2269"
            + "222c224e616d65223a224a6f656c222c22416765223a223533222c2250726f6772616d6d696e67204c616e6775616765223a22"
            + "676f227d");
    private static final byte[] GO_SERVER_ACKNOWLEDGEMENT = HexFormat.of().parseHex("e68891e694b6e588b0e4ba86");
    private static final byte[] GO_CLIENT_CONFIRMATION = HexFormat.of().parseHex("6f6b");

    @Test
    void mtkServerServesTheSeedGoClientByteForByte() throws Exception {
        try (LogCapture log = new LogCapture();
                Server server = Server.start(ServerConfig.loopback(0, Profile.seed()), new SeedHandler());
                RawClient goClient = new RawClient(server.port())) {
            goClient.write(GO_CLIENT_MESSAGE);
            assertThat(goClient.read(12)).isEqualTo(GO_SERVER_ACKNOWLEDGEMENT);
            goClient.write(GO_CLIENT_CONFIRMATION);
            goClient.shutdownOutput();

            assertThat(goClient.closedByPeer()).isTrue();
            log.awaitContaining("server", "received 74 B (body 63 B): "
                    + "{\"ID\":\"i\",\"Name\":\"Joel\",\"Age\":\"53\",\"Programming Language\":\"go\"}");
            log.awaitContaining("server", "acknowledged: 我收到了 12 B");
            log.awaitContaining("server", "confirmed: ok 2 B");
            log.awaitContaining("server", "closed (in 76 B, out 12 B)");
        }
    }

    @Test
    void mtkClientCompletesTheExchangeWithTheSeedGoServerByteForByte() throws Exception {
        try (ServerSocket goServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Client client = Client.open(ClientConfig.of(Profile.seed()))) {
            CompletableFuture<byte[][]> seen = CompletableFuture.supplyAsync(() -> imitateGoServer(goServer));

            ClientSession session = client.connect("127.0.0.1", goServer.getLocalPort());
            Exchange exchange = session.exchange(SeedMessage.forYear(2026), Duration.ofSeconds(5));
            session.close();

            byte[][] received = seen.get(5, TimeUnit.SECONDS);
            assertThat(received[0]).isEqualTo(GO_CLIENT_MESSAGE);
            assertThat(received[1]).isEqualTo(GO_CLIENT_CONFIRMATION);
            assertThat(exchange.acknowledgement().body()).isEqualTo(GO_SERVER_ACKNOWLEDGEMENT);
        }
    }

    @Test
    void theSeedServerProfileStillRefusesAnOversizeFrame() throws Exception {
        try (LogCapture log = new LogCapture();
                Server server = Server.start(ServerConfig.builder().port(0).profile(Profile.seed())
                        .limits(new FrameLimits(16, false)).ioThreads(1).build(),
                        new SeedHandler());
                RawClient goClient = new RawClient(server.port())) {
            goClient.write(GO_CLIENT_MESSAGE);

            assertThat(goClient.closedByPeer()).isTrue();
            log.awaitContaining("closed: frame length 63 exceeds max-frame 16");
        }
    }

    /** The Go server's loop for one message: read the frame, write 我收到了 raw, read the confirmation. */
    private static byte[][] imitateGoServer(ServerSocket listener) {
        try (Socket socket = listener.accept()) {
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            byte[] message = RawClient.readExactly(in, GO_CLIENT_MESSAGE.length);
            socket.getOutputStream().write(GO_SERVER_ACKNOWLEDGEMENT);
            socket.getOutputStream().flush();
            byte[] confirmation = RawClient.readExactly(in, 2);
            return new byte[][] {message, confirmation};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
