package org.minisip.sip.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {
    @TempDir
    Path dir;

    @Test
    void generateWriteLoadRoundTrip() throws Exception {
        Path cert = dir.resolve("sub/cert.pem");
        Path key = dir.resolve("sub/key.pem");
        TlsMaterial generated = TlsMaterial.loadOrGenerate(cert, key, "sip.example.org");
        assertThat(cert).exists();
        assertThat(key).exists();
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Files.readString(cert)).startsWith("-----BEGIN CERTIFICATE-----\n");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        }
        assertThat(Files.list(cert.getParent())).hasSize(2); // no temporary files left behind

        TlsMaterial loaded = TlsMaterial.loadOrGenerate(cert, key, "ignored.example.org");
        assertThat(loaded.sha256Fingerprint()).isEqualTo(generated.sha256Fingerprint());
        assertThat(loaded.privateKey().getEncoded()).isEqualTo(generated.privateKey().getEncoded());
        assertThat(TlsMaterial.load(cert, key).chain()).containsExactly(generated.chain());
    }

    @Test
    void certificateContents() throws Exception {
        TlsMaterial m = TlsMaterial.generateSelfSigned("pbx.example.net");
        X509Certificate c = m.chain()[0];
        assertThat(m.chain()).hasSize(1);
        assertThat(c.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=pbx.example.net");
        assertThat(sans(c)).containsExactly("2:pbx.example.net", "7:127.0.0.1", "7:0:0:0:0:0:0:0:1");
        long years = (c.getNotAfter().getTime() - c.getNotBefore().getTime()) / (365L * 24 * 3600 * 1000);
        assertThat(years).isEqualTo(10);
        assertThat(c.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        c.verify(c.getPublicKey());
        assertThat(m.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(m.keyManagers()).isNotEmpty();

        assertThat(sans(TlsMaterial.generateSelfSigned("192.0.2.10").chain()[0]))
                .containsExactly("7:192.0.2.10", "7:127.0.0.1", "7:0:0:0:0:0:0:0:1");
        assertThat(sans(TlsMaterial.generateSelfSigned("127.0.0.1").chain()[0]))
                .containsExactly("7:127.0.0.1", "7:0:0:0:0:0:0:0:1");
        assertThatThrownBy(() -> TlsMaterial.generateSelfSigned("bad host")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> sans(X509Certificate c) throws Exception {
        List<String> out = new ArrayList<>();
        for (List<?> e : c.getSubjectAlternativeNames()) {
            out.add(e.get(0) + ":" + e.get(1));
        }
        return out;
    }

    @Test
    void halfPresentPairIsAnError() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        TlsMaterial.generateSelfSigned("a.example").write(cert, key);
        Files.delete(key);
        assertThatThrownBy(() -> TlsMaterial.loadOrGenerate(cert, key, "a.example"))
                .isInstanceOf(IOException.class).hasMessageContaining("exists but key");
        Files.delete(cert);
        Files.writeString(key, "x");
        assertThatThrownBy(() -> TlsMaterial.loadOrGenerate(cert, key, "a.example"))
                .isInstanceOf(IOException.class).hasMessageContaining("exists but certificate");
    }

    @Test
    void loadsPkcs1RsaAndSec1EcKeysAndChains() throws Exception {
        for (String alg : new String[] {"RSA", "EC"}) {
            TlsMaterial m = TlsMaterial.generateSelfSigned("k.example", alg);
            Path cert = dir.resolve(alg + "-cert.pem");
            Path key = dir.resolve(alg + "-key.pem");
            TlsMaterial other = TlsMaterial.generateSelfSigned("ca.example");
            Files.writeString(cert, pem(m.chain()[0]) + pem(other.chain()[0]));
            // as openssl writes EC keys: a curve-naming EC PARAMETERS block, then the SEC1 key
            String params = alg.equals("EC")
                    ? Pem.encode("EC PARAMETERS", new ASN1ObjectIdentifier("1.2.840.10045.3.1.7").getEncoded()) : "";
            Files.writeString(key, params + pem(m.privateKey()));
            assertThat(Files.readString(key)).contains("-----BEGIN " + alg + " PRIVATE KEY-----");
            TlsMaterial loaded = TlsMaterial.load(cert, key);
            assertThat(loaded.chain()).hasSize(2);
            assertThat(loaded.chain()[0]).isEqualTo(m.chain()[0]);
            assertThat(loaded.privateKey().getAlgorithm()).isEqualTo(alg);
        }
    }

    private static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return w.toString();
    }

    @Test
    void rejectsBadFiles() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        TlsMaterial a = TlsMaterial.generateSelfSigned("a.example");
        TlsMaterial b = TlsMaterial.generateSelfSigned("b.example");
        a.write(cert, key);
        Path otherKey = dir.resolve("other-key.pem");
        b.write(dir.resolve("other-cert.pem"), otherKey);
        assertThatThrownBy(() -> TlsMaterial.load(cert, otherKey)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> TlsMaterial.load(cert, cert)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("no PRIVATE KEY");
        assertThatThrownBy(() -> TlsMaterial.load(key, key)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no CERTIFICATE");
        Files.writeString(dir.resolve("junk.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!!\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> TlsMaterial.load(dir.resolve("junk.pem"), key)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("malformed PEM");
        assertThatThrownBy(() -> TlsMaterial.load(dir.resolve("missing.pem"), key)).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> TrustOptions.trustPem(key)).isInstanceOf(GeneralSecurityException.class);
    }
}
