package dev.mtk.testing;

import dev.mtk.session.TlsSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client and a server {@link SSLEngine} that shook hands in memory, as mtk's server and client do (the test
 * certificates' EC key, {@code SSLContext.getInstance("TLS")}): for tests and benchmarks of what happens to records
 * after the handshake, without sockets.
 *
 * @param client the client's engine, handshake done
 * @param server the server's engine, handshake done
 */
public record EnginePair(SSLEngine client, SSLEngine server) {
    static {
        // TlsSettings sets the JDK's renegotiation property, which the JDK reads at the first server handshake of
        // the process: a handshake here first would leave the TLS tests run later in the same JVM without it.
        TlsSettings.client();
    }

    /** Makes both engines from {@code certificates} and completes their handshake. */
    public static EnginePair handshaken(TestCertificates certificates) throws IOException, GeneralSecurityException {
        SSLEngine server = context(certificates.serverKeystore, null).createSSLEngine();
        server.setUseClientMode(false);
        SSLEngine client = context(null, certificates.serverTruststore).createSSLEngine("127.0.0.1", 0);
        client.setUseClientMode(true);
        EnginePair pair = new EnginePair(client, server);
        pair.shakeHands();
        return pair;
    }

    /** {@code plain} wrapped by the client into one record (or more, when it is larger than a record holds). */
    public ByteBuffer clientRecords(byte[] plain) throws SSLException {
        ByteBuffer source = ByteBuffer.wrap(plain);
        ByteBuffer out = ByteBuffer.allocate(client.getSession().getPacketBufferSize() * (1 + plain.length / 16384));
        while (source.hasRemaining()) {
            SSLEngineResult result = client.wrap(source, out);
            if (result.getStatus() != SSLEngineResult.Status.OK) {
                throw new IllegalStateException("cannot wrap: " + result);
            }
        }
        return out.flip();
    }

    private static SSLContext context(Path keystore, Path truststore) throws IOException, GeneralSecurityException {
        char[] password = TestCertificates.PASSWORD.toCharArray();
        KeyManagerFactory keys = null;
        if (keystore != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(KeyStore.getInstance(keystore.toFile(), password), password);
        }
        TrustManagerFactory trust = null;
        if (truststore != null) {
            trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(KeyStore.getInstance(truststore.toFile(), password));
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                new SecureRandom());
        return context;
    }

    /** Each engine wraps into the other's inbound buffer and unwraps its own, until neither is handshaking. */
    private void shakeHands() throws SSLException {
        int packet = client.getSession().getPacketBufferSize();
        ByteBuffer toServer = ByteBuffer.allocate(packet * 4);
        ByteBuffer toClient = ByteBuffer.allocate(packet * 4);
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < 100 && !(done(client) && done(server)); round++) {
            step(client, toServer, toClient);
            step(server, toClient, toServer);
        }
        if (!done(client) || !done(server)) {
            throw new IllegalStateException("no handshake: client " + client.getHandshakeStatus() + ", server "
                    + server.getHandshakeStatus());
        }
        // The server's session ticket is still in toClient: read it, so the client's next unwrap finds data.
        step(client, toServer, toClient);
    }

    private static boolean done(SSLEngine engine) {
        return engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
    }

    /** Works on {@code engine}'s handshake until it needs what the other has not sent yet. */
    private static void step(SSLEngine engine, ByteBuffer out, ByteBuffer in) throws SSLException {
        ByteBuffer empty = ByteBuffer.allocate(0);
        ByteBuffer sink = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        for (int i = 0; i < 20; i++) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> engine.wrap(empty, out);
                case NEED_TASK -> {
                    for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                        task.run();
                    }
                }
                default -> {
                    in.flip();
                    if (!in.hasRemaining()) {
                        in.compact();
                        return;
                    }
                    SSLEngineResult result = engine.unwrap(in, sink);
                    in.compact();
                    sink.clear();
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || result.bytesConsumed() == 0) {
                        return;
                    }
                }
            }
        }
    }
}
