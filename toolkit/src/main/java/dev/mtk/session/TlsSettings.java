package dev.mtk.session;

import dev.mtk.internal.InputFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.mina.filter.ssl.SslFilter;

/**
 * TLS for a server's or a client's sessions, through MINA's {@link SslFilter} ({@link TlsFilter}).
 *
 * @param keystore           this side's certificate and key (a server needs one; a client only for mutual TLS), or
 *                           {@code null}
 * @param keystorePassword   its password
 * @param truststore         the certificates this side trusts (a client: the server's or its CA; a server: its
 *                           clients', for {@code clientAuth}), or {@code null} for the JDK's defaults
 * @param truststorePassword its password
 * @param insecure           a client that trusts any certificate: for test certificates only
 * @param clientAuth         what a server asks of clients: {@code none}, {@code want} or {@code need} a certificate
 */
public record TlsSettings(Path keystore, String keystorePassword, Path truststore, String truststorePassword,
        boolean insecure, ClientAuth clientAuth) {
    /**
     * The JDK property that makes a server refuse a client's TLS 1.2 renegotiation (TLS 1.3 has none). A client that
     * may renegotiate can make a server do a full handshake, one private-key operation, as often as it likes on one
     * connection (issue 12 counted 100 on one connection, each accepted). The JDK reads the property
     * once, when the first server handshake starts, so it is set here, before this class makes any {@link SSLContext},
     * for the command line and for a program that embeds mtk alike; a value the JVM was started with is left as it is.
     */
    static final String REJECT_CLIENT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

    static {
        if (System.getProperty(REJECT_CLIENT_RENEGOTIATION) == null) {
            System.setProperty(REJECT_CLIENT_RENEGOTIATION, "true");
        }
    }


    /** Whether a server asks its clients for a certificate. */
    public enum ClientAuth {
        NONE, WANT, NEED;

        /**
         * @throws IllegalArgumentException naming the choices
         */
        public static ClientAuth of(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid client-auth '" + text + "': expected none, want or need");
            }
        }
    }

    public TlsSettings {
        if (clientAuth == null) {
            clientAuth = ClientAuth.NONE;
        }
    }

    /** A client trusting the JDK's certificate authorities. */
    public static TlsSettings client() {
        return new TlsSettings(null, null, null, null, false, ClientAuth.NONE);
    }

    /**
     * The filter for a server's sessions.
     *
     * @throws SessionException naming the store and what is wrong with it
     */
    public SslFilter serverFilter() {
        if (keystore == null) {
            throw new SessionException("TLS on a server needs a keystore (--keystore FILE) holding its certificate");
        }
        SslFilter filter = new TlsFilter(context());
        filter.setWantClientAuth(clientAuth == ClientAuth.WANT);
        filter.setNeedClientAuth(clientAuth == ClientAuth.NEED);
        return filter;
    }

    /**
     * The filter for a client's sessions; with a truststore, the server's name is checked against its certificate.
     *
     * @throws SessionException naming the store and what is wrong with it
     */
    public SslFilter clientFilter() {
        SslFilter filter = new TlsFilter(context());
        if (!insecure) {
            filter.setEndpointIdentificationAlgorithm("HTTPS");
        }
        return filter;
    }

    private SSLContext context() {
        try {
            KeyManager[] keys = null;
            if (keystore != null) {
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(load("keystore", keystore, keystorePassword), chars(keystorePassword));
                keys = factory.getKeyManagers();
            }
            TrustManager[] trust;
            if (insecure) {
                trust = new TrustManager[] {new TrustingEveryone()};
            } else {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(truststore == null ? null : load("truststore", truststore, truststorePassword));
                trust = factory.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new SessionException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String what, Path file, String password) {
        String notAFile = InputFiles.notAFile(file);
        if (notAFile != null) {
            throw new SessionException("cannot read " + what + " " + file + ": " + notAFile);
        }
        try {
            return KeyStore.getInstance(file.toFile(), chars(password));
        } catch (IOException e) {
            String reason = e.getCause() instanceof java.security.UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password") ? "wrong password" : e.getMessage();
            throw new SessionException("cannot read " + what + " " + file + ": " + reason, e);
        } catch (GeneralSecurityException e) {
            throw new SessionException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    private static char[] chars(String password) {
        return password == null ? new char[0] : password.toCharArray();
    }

    /** For {@code --insecure}: test certificates, self-signed ones, expired ones, any. */
    private static final class TrustingEveryone implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // trusts every client: only ever used by a client, for its server
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // trusts every server: that is what --insecure asks for
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
