package org.minisip.sip.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TlsPolicyTest {
    @Test
    void onlyStrongAeadSuites() {
        String[] suites = TlsPolicy.cipherSuites();
        assertThat(suites).isNotEmpty().contains("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        assertThat(suites).allSatisfy(s -> assertThat(s).containsAnyOf("GCM", "CHACHA20_POLY1305")
                .doesNotContain("CBC").doesNotStartWith("TLS_RSA_").doesNotEndWith("_SHA"));
        assertThat(TlsPolicy.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
    }
}
