package org.minisip.phone.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.minisip.sip.tls.ServerCheckingTrustManager;
import org.minisip.sip.tls.TrustOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whom the desktop phone trusts for SIP over TLS: the JVM's CAs plus CA files the user loaded ({@code tls/ca}),
 * with the RFC 5922 host check; and, exactly, the server certificates the user pinned ("trust always",
 * {@code tls/pinned/<sha256>.pem}) or trusted for this run only ("trust once"). Nothing is ever trusted silently:
 * a rejected chain is handed to a listener so the UI can show its fingerprint and ask.
 *
 * <p>Thread-safe. File methods block: call them off the Swing thread.
 */
public final class PhoneTrust {
    private static final Logger LOG = LoggerFactory.getLogger(PhoneTrust.class);
    private final DataDir dir;
    private final Set<X509Certificate> trustedOnce = new CopyOnWriteArraySet<>();

    public PhoneTrust(DataDir dir) {
        this.dir = dir;
    }

    /**
     * Trust managers for a connection to {@code host}; {@code onRejected} receives the server's chain (leaf first)
     * whenever it is refused, on the TLS thread.
     */
    public TrustManager[] managers(String host, Consumer<X509Certificate[]> onRejected)
            throws IOException, GeneralSecurityException {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        int i = 0;
        for (X509Certificate ca : jvmAnchors()) {
            anchors.setCertificateEntry("jvm-" + i++, ca);
        }
        for (X509Certificate ca : readDir(dir.caFiles())) {
            anchors.setCertificateEntry("user-ca-" + i++, ca);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(anchors);
        TrustManager[] checked = TrustOptions.forHost(tmf.getTrustManagers(), host, null);
        Set<X509Certificate> pinned = Set.copyOf(readDir(dir.pinnedCerts()));
        return new TrustManager[] {new Prompting((X509TrustManager) checked[0], pinned, trustedOnce, onRejected)};
    }

    /** Trusts this exact certificate until the phone exits. */
    public void trustOnce(X509Certificate cert) {
        trustedOnce.add(cert);
    }

    /** Trusts this exact certificate from now on: writes {@code tls/pinned/<sha256>.pem}. */
    public Path pin(X509Certificate cert) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir.pinnedCerts());
        Path file = dir.pinnedCerts().resolve(HexFormat.of().formatHex(sha256(cert)) + ".pem");
        Files.writeString(file, pem(cert), StandardCharsets.US_ASCII);
        return file;
    }

    /**
     * Copies a PEM CA (or certificate) file into {@code tls/ca} after checking it holds at least one certificate.
     *
     * @throws IOException with a message for the user when the file is unreadable or holds no certificate
     */
    public Path addCaFile(Path pemFile) throws IOException {
        List<X509Certificate> certs;
        try (InputStream in = Files.newInputStream(pemFile)) {
            certs = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certs.add((X509Certificate) c);
            }
        } catch (CertificateException e) {
            throw new IOException(pemFile.getFileName() + " is not a PEM certificate file: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new IOException(pemFile.getFileName() + " holds no certificate");
        }
        Files.createDirectories(dir.caFiles());
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : certs) {
            sb.append(pem(c));
        }
        Path target;
        try {
            target = dir.caFiles().resolve(HexFormat.of().formatHex(sha256(certs.get(0))) + ".pem");
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        Files.writeString(target, sb.toString(), StandardCharsets.US_ASCII);
        return target;
    }

    /** SHA-256 fingerprint as upper-case hex pairs separated by colons. */
    public static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256(cert));
        } catch (GeneralSecurityException e) {
            return "?";
        }
    }

    private static byte[] sha256(X509Certificate cert) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
    }

    private static String pem(X509Certificate cert) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(
                    cert.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<X509Certificate> jvmAnchors() throws GeneralSecurityException {
        List<X509Certificate> out = new ArrayList<>();
        for (TrustManager tm : TrustOptions.jvmDefault()) {
            if (tm instanceof X509TrustManager x) {
                out.addAll(List.of(x.getAcceptedIssuers()));
            }
        }
        return out;
    }

    private static List<X509Certificate> readDir(Path d) {
        List<X509Certificate> out = new ArrayList<>();
        if (!Files.isDirectory(d)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(d, "*.pem")) {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (Path f : files) {
                try (InputStream in = Files.newInputStream(f)) {
                    for (var c : cf.generateCertificates(in)) {
                        out.add((X509Certificate) c);
                    }
                } catch (IOException | CertificateException e) {
                    LOG.warn("ignoring unreadable certificate {}: {}", f, e.getMessage());
                }
            }
        } catch (IOException | CertificateException e) {
            LOG.warn("cannot list {}: {}", d, e.toString());
        }
        return out;
    }

    /** Pinned and trusted-once certificates pass as they are; others must pass PKIX + host check, or are reported. */
    private static final class Prompting extends ServerCheckingTrustManager {
        private final Set<X509Certificate> pinned;
        private final Set<X509Certificate> once;
        private final Consumer<X509Certificate[]> onRejected;

        Prompting(X509TrustManager checked, Set<X509Certificate> pinned, Set<X509Certificate> once,
                  Consumer<X509Certificate[]> onRejected) {
            super(checked);
            this.pinned = pinned;
            this.once = once;
            this.onRejected = onRejected;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("empty server certificate chain");
            }
            if (pinned.contains(chain[0]) || once.contains(chain[0])) {
                return;
            }
            try {
                delegate.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                LOG.info("server certificate {} refused: {}", fingerprint(chain[0]), e.getMessage());
                onRejected.accept(chain.clone());
                throw e;
            }
        }
    }
}
