package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.sip.stack.Transport;

/** Calls that must fail cleanly, with the contract's exit codes and one-line reasons. */
class NegativeCallIT {
    private static TestServer server;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("calls:\n  no-answer-seconds: 3\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String[] account(String ext, String password) {
        return new String[] {"--account", "sip:" + ext + "@127.0.0.1:" + server.port(Transport.UDP),
            "--password", password};
    }

    @Test
    void wrongPasswordFailsRegistrationWithExit3AndNoCall() throws Exception {
        try (PhoneProcess p = PhoneProcess.start(tmp.resolve("wrongpw.log"),
                CallIT.concat(account("100", "wrong"), "--call", "101"))) {
            String line = p.await("registration-failed ", Duration.ofSeconds(20));
            assertThat(line).matches("registration-failed (401|403) .+");
            assertThat(p.waitForExit(Duration.ofSeconds(20))).isEqualTo(3);
            assertThat(p.stdout()).noneMatch(l -> l.startsWith("ringing") || l.startsWith("answered"));
        }
    }

    @Test
    void untrustedServerCertificateFailsRegistrationInsteadOfTrustingSilently() throws Exception {
        // no --tls-ca: the JVM's CAs do not vouch for the server's self-signed certificate
        try (PhoneProcess p = PhoneProcess.start(tmp.resolve("untrusted.log"), "--account",
                "sip:100@127.0.0.1:" + server.port(Transport.TLS) + ";transport=tls", "--password", "pw-100",
                "--register-only")) {
            p.await("registration-failed ", Duration.ofSeconds(30));
            assertThat(p.waitForExit(Duration.ofSeconds(30))).isEqualTo(3);
        }
    }

    @Test
    void unknownNumberGets404AndUnregisteredGets480() throws Exception {
        try (PhoneProcess p = PhoneProcess.start(tmp.resolve("404.log"),
                CallIT.concat(account("100", "pw-100"), "--call", "999"))) {
            assertThat(p.waitForExit(Duration.ofSeconds(30))).isEqualTo(4);
            assertThat(String.join("\n", p.stdout())).contains("404");
        }
        try (PhoneProcess p = PhoneProcess.start(tmp.resolve("480.log"),
                CallIT.concat(account("100", "pw-100"), "--call", "104"))) {
            assertThat(p.waitForExit(Duration.ofSeconds(30))).isEqualTo(4);
            assertThat(String.join("\n", p.stdout())).contains("480");
        }
    }

    @Test
    void mandatorySrtpAgainstRtpOnlyPeerFailsCleanly() throws Exception {
        try (PhoneProcess callee = PhoneProcess.start(tmp.resolve("rtponly.log"),
                CallIT.concat(account("102", "pw-102"), "--auto-answer", "--srtp", "off"))) {
            callee.await("registered ", Duration.ofSeconds(20));
            try (PhoneProcess caller = PhoneProcess.start(tmp.resolve("srtpmand.log"),
                    CallIT.concat(account("103", "pw-103"), "--call", "102", "--srtp", "mandatory"))) {
                assertThat(caller.waitForExit(Duration.ofSeconds(30))).isEqualTo(4);
                assertThat(String.join("\n", caller.stdout())).contains("488");
                assertThat(caller.stdout()).noneMatch(l -> l.startsWith("answered"));
            }
        }
    }

    @Test
    void unansweredCallGets408AfterTheConfiguredTimeoutAndTheCalleeIsCancelled() throws Exception {
        // a bare UA registered as 101 that rings (180) but never answers: the server gives up after 3 s
        try (RawSip ua = new RawSip(server.port(Transport.UDP))) {
            String ok = new RegistrarIT.Registration(ua, "101").send("<sip:101@127.0.0.1:" + ua.localPort() + ">",
                    "600", "pw-101");
            assertThat(RawSip.status(ok)).isEqualTo(200);
            try (PhoneProcess caller = PhoneProcess.start(tmp.resolve("noanswer.log"),
                    CallIT.concat(account("100", "pw-100"), "--call", "101"))) {
                String invite = ua.receive(15000).orElseThrow();
                assertThat(invite).startsWith("INVITE ");
                ua.send(reply(invite, "180 Ringing"));
                caller.await("ringing", Duration.ofSeconds(10));
                String cancel = ua.receive(10000).orElseThrow();
                assertThat(cancel).as("server cancels the ringing leg").startsWith("CANCEL ");
                ua.send(reply(cancel, "200 OK"));
                ua.send(reply(invite, "487 Request Terminated"));
                assertThat(caller.waitForExit(Duration.ofSeconds(30))).isEqualTo(4);
                assertThat(String.join("\n", caller.stdout())).contains("408");
            }
        }
    }

    /** A response to a raw request: copies Via, From, To (adding a tag), Call-ID and CSeq. */
    static String reply(String request, String status) {
        StringBuilder sb = new StringBuilder("SIP/2.0 ").append(status).append("\r\n");
        for (String line : request.split("\r\n")) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("call-id:")
                    || lower.startsWith("cseq:")) {
                sb.append(line).append("\r\n");
            } else if (lower.startsWith("to:")) {
                sb.append(line.contains(";tag=") ? line : line + ";tag=ua101").append("\r\n");
            }
        }
        return sb.append("Content-Length: 0\r\n\r\n").toString();
    }
}
