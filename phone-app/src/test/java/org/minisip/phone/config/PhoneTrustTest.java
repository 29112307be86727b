package org.minisip.phone.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.sip.tls.TlsMaterial;

/**
 * TLS trust of the desktop phone: an unknown self-signed server is refused and reported (never trusted silently), and
 * passes once trusted for the run, pinned, or when its certificate was loaded as a CA file.
 */
class PhoneTrustTest {
    @TempDir
    Path dir;

    private static X509Certificate serverCert() throws Exception {
        return TlsMaterial.generateSelfSigned("127.0.0.1").chain()[0];
    }

    private X509TrustManager manager(PhoneTrust t, AtomicReference<X509Certificate[]> rejected) throws Exception {
        return (X509TrustManager) t.managers("127.0.0.1", rejected::set)[0];
    }

    @Test
    void unknownServerIsRefusedAndItsChainReported() throws Exception {
        X509Certificate cert = serverCert();
        AtomicReference<X509Certificate[]> rejected = new AtomicReference<>();
        X509TrustManager tm = manager(new PhoneTrust(new DataDir(dir)), rejected);
        assertThatThrownBy(() -> tm.checkServerTrusted(new X509Certificate[] {cert}, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
        assertThat(rejected.get()).containsExactly(cert);
    }

    @Test
    void trustOnceAcceptsThatCertificateOnly() throws Exception {
        X509Certificate cert = serverCert();
        PhoneTrust t = new PhoneTrust(new DataDir(dir));
        t.trustOnce(cert);
        AtomicReference<X509Certificate[]> rejected = new AtomicReference<>();
        manager(t, rejected).checkServerTrusted(new X509Certificate[] {cert}, "ECDHE_ECDSA");
        assertThat(rejected.get()).isNull();
        X509Certificate other = serverCert();
        assertThatThrownBy(() -> manager(t, rejected).checkServerTrusted(new X509Certificate[] {other}, "RSA"))
                .isInstanceOf(CertificateException.class);
        assertThat(Files.exists(new DataDir(dir).pinnedCerts())).isFalse();
    }

    @Test
    void pinnedCertificateIsTrustedByANewRunAndNamedByItsFingerprint() throws Exception {
        X509Certificate cert = serverCert();
        Path pem = new PhoneTrust(new DataDir(dir)).pin(cert);
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        assertThat(pem.getFileName().toString()).isEqualTo(hex + ".pem");
        manager(new PhoneTrust(new DataDir(dir)), new AtomicReference<>())
                .checkServerTrusted(new X509Certificate[] {cert}, "ECDHE_ECDSA");
    }

    @Test
    void loadedCaFileIsTrustedAndAGarbageFileIsRefusedWithAMessage() throws Exception {
        X509Certificate cert = serverCert();
        PhoneTrust t = new PhoneTrust(new DataDir(dir));
        Path src = dir.resolve("server.crt");
        Files.writeString(src, "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder().encodeToString(
                cert.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        t.addCaFile(src);
        manager(new PhoneTrust(new DataDir(dir)), new AtomicReference<>())
                .checkServerTrusted(new X509Certificate[] {cert}, "ECDHE_ECDSA");
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "not a certificate");
        assertThatThrownBy(() -> t.addCaFile(junk)).hasMessageContaining("junk.pem");
    }

    @Test
    void fingerprintIsColonSeparatedUpperCaseSha256() throws Exception {
        assertThat(PhoneTrust.fingerprint(serverCert())).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }
}
