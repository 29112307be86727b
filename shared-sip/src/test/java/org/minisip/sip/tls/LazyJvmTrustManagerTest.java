package org.minisip.sip.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;

class LazyJvmTrustManagerTest {
    @Test
    void trustsExactlyWhatTheJvmDefaultTrusts() throws Exception {
        TrustManager[] lazy = TrustOptions.jvmDefault();
        assertThat(lazy).hasSize(1);
        assertThat(lazy[0]).isInstanceOf(X509ExtendedTrustManager.class);
        X509ExtendedTrustManager real = TrustOptions.loadJvmDefault();
        Set<String> expected = Stream.of(real.getAcceptedIssuers()).map(c -> c.getSubjectX500Principal().getName())
                .collect(Collectors.toSet());
        Set<String> actual = Stream.of(((X509ExtendedTrustManager) lazy[0]).getAcceptedIssuers())
                .map(c -> c.getSubjectX500Principal().getName()).collect(Collectors.toSet());
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void refusesASelfSignedServerCertificate() throws Exception {
        TlsMaterial self = TlsMaterial.generateSelfSigned("pbx.example.org");
        X509ExtendedTrustManager lazy = (X509ExtendedTrustManager) TrustOptions.jvmDefault()[0];
        assertThatThrownBy(() -> lazy.checkServerTrusted(self.chain(), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
        TrustManager[] checked = TrustOptions.forHost(TrustOptions.jvmDefault(), "pbx.example.org", null);
        assertThatThrownBy(() -> ((javax.net.ssl.X509TrustManager) checked[0]).checkServerTrusted(self.chain(),
                "ECDHE_ECDSA")).isInstanceOf(CertificateException.class);
    }
}
