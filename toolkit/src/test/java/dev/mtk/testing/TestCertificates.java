package dev.mtk.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throwaway certificates for TLS tests, made with the JDK's keytool: a server certificate for 127.0.0.1 and
 * localhost, a client certificate, and a truststore for each side.
 */
public final class TestCertificates {
    public static final String PASSWORD = "changeit";

    public final Path serverKeystore;
    /** Trusts the server's certificate: what a client needs. */
    public final Path serverTruststore;
    public final Path clientKeystore;
    /** Trusts the client's certificate: what a server asking for client certificates needs. */
    public final Path clientTruststore;

    private TestCertificates(Path dir) {
        serverKeystore = dir.resolve("server.p12");
        serverTruststore = dir.resolve("server-trust.p12");
        clientKeystore = dir.resolve("client.p12");
        clientTruststore = dir.resolve("client-trust.p12");
    }

    /** Makes all four stores in {@code dir}. */
    public static TestCertificates in(Path dir) throws IOException, InterruptedException {
        TestCertificates certificates = new TestCertificates(dir);
        pair(dir, "server", "SAN=ip:127.0.0.1,dns:localhost", certificates.serverKeystore, certificates.serverTruststore);
        pair(dir, "client", "SAN=dns:mtk-test-client", certificates.clientKeystore, certificates.clientTruststore);
        return certificates;
    }

    private static void pair(Path dir, String alias, String san, Path keystore, Path truststore)
            throws IOException, InterruptedException {
        Path pem = dir.resolve(alias + ".pem");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + alias, "-ext", san, "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", pem.toString());
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", pem.toString(), "-keystore", truststore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }

    /** Files.exists, for assertions. */
    public boolean made() {
        return Files.isRegularFile(serverKeystore) && Files.isRegularFile(clientTruststore);
    }
}
