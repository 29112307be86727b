package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minisip.sip.stack.Transport;
import org.minisip.sip.tls.TlsMaterial;
import org.minisip.sip.tls.TrustOptions;

/** Replacing tls/server.crt + server.key on disk changes the certificate new handshakes see, without a restart. */
class TlsReloadIT {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("security:\n  tls-reload-seconds: 1\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static X509Certificate presented() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, TrustOptions.insecure(), null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                server.port(Transport.TLS))) {
            s.setSoTimeout(5000);
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    @Test
    void replacedCertificateIsServedWithoutRestart() throws Exception {
        Path crt = server.dataDir.resolve("tls/server.crt");
        Path key = server.dataDir.resolve("tls/server.key");
        X509Certificate before = presented();
        assertThat(before.getSubjectX500Principal().getName()).doesNotContain("reloaded.example");

        // a half-done replacement (new certificate, old key) is refused; the old identity keeps serving
        TlsMaterial fresh = TlsMaterial.generateSelfSigned("reloaded.example");
        Path tmpKey = server.dataDir.resolve("tls/new.key");
        fresh.write(crt, tmpKey);
        Thread.sleep(2500);
        assertThat(presented()).isEqualTo(before);

        java.nio.file.Files.move(tmpKey, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(presented().getSubjectX500Principal().getName()).contains("reloaded.example"));
    }
}
