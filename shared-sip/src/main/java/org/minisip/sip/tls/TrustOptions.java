package org.minisip.sip.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Client-side choices of whom to trust for SIP over TLS. All methods return fresh arrays for
 * {@code SSLContext.init}; the managers are thread-safe. {@link #forHost} adds the RFC 5922 host name check,
 * which the SIP stack's TLS engines cannot do themselves (they are created without a peer host).
 */
public final class TrustOptions {
    private TrustOptions() {
    }

    /**
     * The JVM's default trust store (the {@code cacerts} CAs or {@code javax.net.ssl.trustStore}). The store is
     * read on the first certificate check, not here: parsing the ~140 CAs costs a phone that never uses TLS a tenth
     * of a second of start-up and the memory of the parsed certificates. If it cannot be read then, every check
     * fails (no certificate is trusted).
     */
    public static TrustManager[] jvmDefault() {
        return new TrustManager[] {new LazyJvmTrustManager()};
    }

    /** Loads the JVM's default X.509 trust manager (reads the trust store now). */
    static X509ExtendedTrustManager loadJvmDefault() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("the JVM's default trust manager factory has no X.509 trust manager");
    }

    /**
     * Trusts exactly the certificates in a PEM file (a CA, or a self-signed server certificate to pin); each
     * CERTIFICATE block becomes a trust anchor.
     *
     * @throws IOException              if the file cannot be read or is not PEM
     * @throws GeneralSecurityException if it contains no usable certificate
     */
    public static TrustManager[] trustPem(Path caOrCertPem) throws IOException, GeneralSecurityException {
        List<X509Certificate> certs = Pem.certificates(caOrCertPem);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (int i = 0; i < certs.size(); i++) {
            ks.setCertificateEntry("trusted-" + i, certs.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        return tmf.getTrustManagers();
    }

    /**
     * Wraps X.509 trust managers so a server certificate must also name {@code host} (the server the phone
     * dials), unless it is one of {@code pinnedPem}'s own certificates. Other managers pass through unchanged.
     */
    public static TrustManager[] forHost(TrustManager[] managers, String host, Path pinnedPem)
            throws IOException, GeneralSecurityException {
        java.util.Set<X509Certificate> pinned = pinnedPem == null ? java.util.Set.of()
                : java.util.Set.copyOf(Pem.certificates(pinnedPem));
        TrustManager[] out = new TrustManager[managers.length];
        for (int i = 0; i < managers.length; i++) {
            out[i] = managers[i] instanceof javax.net.ssl.X509TrustManager x && !(x instanceof InsecureTrustManager)
                    ? new HostVerifyingTrustManager(x, host, pinned) : managers[i];
        }
        return out;
    }

    /**
     * Accepts every certificate chain without any check. Only for testing against servers with throw-away
     * certificates: the caller must warn the user, as this gives no protection against interception.
     */
    public static TrustManager[] insecure() {
        return new TrustManager[] {new InsecureTrustManager()};
    }

    /** Extended so that the JDK does not wrap it with its own endpoint and algorithm checks. */
    private static final class InsecureTrustManager extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
