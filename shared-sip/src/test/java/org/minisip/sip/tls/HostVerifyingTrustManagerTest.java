package org.minisip.sip.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostVerifyingTrustManagerTest {
    private final TlsMaterial server = generate("pbx.example.org");

    private static TlsMaterial generate(String host) {
        try {
            return TlsMaterial.generateSelfSigned(host);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A delegate that trusts the chain, so only the host check is under test. */
    private static final X509TrustManager TRUST_ALL = (X509TrustManager) TrustOptions.insecure()[0];

    @Test
    void namesInSubjectAltNameMatch() throws Exception {
        X509Certificate c = server.chain()[0];
        assertThat(HostVerifyingTrustManager.matches(c, "pbx.example.org")).isTrue();
        assertThat(HostVerifyingTrustManager.matches(c, "PBX.example.ORG")).isTrue();
        assertThat(HostVerifyingTrustManager.matches(c, "127.0.0.1")).isTrue();
        assertThat(HostVerifyingTrustManager.matches(c, "::1")).isTrue();
        assertThat(HostVerifyingTrustManager.matches(c, "evil.example.org")).isFalse();
        assertThat(HostVerifyingTrustManager.matches(c, "10.0.0.1")).isFalse();
    }

    @Test
    void wrongHostIsRefusedUnlessTheCertificateIsPinned(@TempDir Path dir) throws Exception {
        Path crt = dir.resolve("server.crt");
        server.write(crt, dir.resolve("server.key"));
        X509TrustManager checked = new HostVerifyingTrustManager(TRUST_ALL, "192.0.2.7", java.util.Set.of());
        assertThatThrownBy(() -> checked.checkServerTrusted(server.chain(), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("192.0.2.7");
        TrustManager[] pinned = TrustOptions.forHost(TrustOptions.trustPem(crt), "192.0.2.7", crt);
        ((X509TrustManager) pinned[0]).checkServerTrusted(server.chain(), "ECDHE_ECDSA");
        TrustManager[] other = TrustOptions.forHost(TrustOptions.trustPem(crt), "192.0.2.7",
                null);
        assertThatThrownBy(() -> ((X509TrustManager) other[0]).checkServerTrusted(server.chain(), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
    }
}
