package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.sip.stack.Transport;

/**
 * The phone's outbound proxy (--outbound-proxy): the accounts live in the domain {@code pbx.invalid}, which no
 * resolver can find (RFC 6761), and the server only accepts REGISTERs whose Request-URI is that domain. The phones
 * therefore register and call only because every request leaves through the proxy address (our server on
 * 127.0.0.1), while Request-URI and To stay on the account's domain; one phone reaches the proxy over UDP, the
 * other over TCP although its account says UDP.
 */
class OutboundProxyIT {
    private static TestServer server;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        // appended right after "sip:\n  bind: ...\n", so it lands in the sip section
        server = TestServer.start("  domain: pbx.invalid\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void registrationAndCallGoThroughTheProxyWhileTheUrisStayOnTheAccountDomain() throws Exception {
        String udpProxy = "127.0.0.1:" + server.port(Transport.UDP);
        String tcpProxy = "127.0.0.1:" + server.port(Transport.TCP) + ";transport=tcp";
        try (PhoneProcess bob = PhoneProcess.start(tmp.resolve("bob.log"), "--account", "sip:101@pbx.invalid",
                "--password", "pw-101", "--outbound-proxy", tcpProxy, "--auto-answer", "--duration", "2")) {
            assertThat(bob.await("registered ", Duration.ofSeconds(45))).startsWith("registered sip:101@pbx.invalid ");
            try (PhoneProcess alice = PhoneProcess.start(tmp.resolve("alice.log"), "--account", "sip:100@pbx.invalid",
                    "--password", "pw-100", "--outbound-proxy", udpProxy, "--call", "101", "--duration", "1")) {
                assertThat(alice.await("registered ", Duration.ofSeconds(45)))
                        .startsWith("registered sip:100@pbx.invalid ");
                assertThat(alice.await("answered ", Duration.ofSeconds(30))).startsWith("answered ");
                assertThat(alice.await("ended ", Duration.ofSeconds(30))).isEqualTo("ended local-hangup");
                assertThat(alice.waitForExit(Duration.ofSeconds(20))).isZero();
            }
            assertThat(bob.await("incoming ", Duration.ofSeconds(5))).startsWith("incoming sip:100@pbx.invalid");
        }
    }

    @Test
    void withoutTheProxyTheServerRefusesAForeignDomain() throws Exception {
        // the same server, reached directly with its address as the domain: the registrar's domain check refuses it,
        // which is what makes the first test's success a proof that the Request-URI said pbx.invalid
        try (PhoneProcess carol = PhoneProcess.start(tmp.resolve("carol.log"), "--account",
                "sip:102@127.0.0.1:" + server.port(Transport.UDP), "--password", "pw-102", "--register-only")) {
            assertThat(carol.await("registration-failed ", Duration.ofSeconds(45))).startsWith("registration-failed 4");
            assertThat(carol.waitForExit(Duration.ofSeconds(20))).isEqualTo(3);
        }
    }

    @Test
    void aBadProxyIsAUsageError() throws Exception {
        try (PhoneProcess p = PhoneProcess.start(tmp.resolve("bad.log"), "--account", "sip:100@pbx.invalid",
                "--password", "pw-100", "--outbound-proxy", "proxy:99999", "--register-only")) {
            assertThat(p.waitForExit(Duration.ofSeconds(20))).isEqualTo(2);
            assertThat(p.stderr()).contains("--outbound-proxy");
        }
    }
}
