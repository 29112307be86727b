package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.minisip.sip.stack.Transport;
import org.minisip.sip.tls.TrustOptions;

/** The server's SIP TLS port completes TLS 1.3 and TLS 1.2 handshakes with its generated certificate. */
class TlsPortIT {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(null);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void handshakeWithPinnedServerCertificate(String protocol) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, TrustOptions.trustPem(server.dataDir.resolve("tls/server.crt")), null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                server.port(Transport.TLS))) {
            s.setSoTimeout(5000);
            s.setEnabledProtocols(new String[] {protocol});
            s.startHandshake();
            assertThat(s.getSession().getProtocol()).isEqualTo(protocol);
            assertThat(s.getSession().getCipherSuite()).containsAnyOf("GCM", "CHACHA20");
        }
    }
}
