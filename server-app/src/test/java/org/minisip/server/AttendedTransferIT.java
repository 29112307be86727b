package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.media.testing.ToneAnalysis;
import org.minisip.sip.auth.DigestClient;
import org.minisip.sip.stack.Transport;

/**
 * Attended transfer (RFC 5589 §7, REFER with Replaces, RFC 3891) through the B2BUA with three headless phones:
 * 100 calls 101; 101 holds 100 and consults 102 ({@code consult 102}), then transfers ({@code attended-transfer});
 * the server translates the Replaces of the relayed REFER and of 100's new INVITE to the leg 102 knows; 102's call
 * with 101 is replaced by 100's, 101 is out, and 100 and 102 hear each other's tones (FFT). An INVITE whose
 * Replaces names no dialog gets 481.
 */
class AttendedTransferIT {
    private static TestServer server;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(null);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void transferorConnectsTheHeldCallerToTheConsultedPhone() throws Exception {
        Path tone440 = tmp.resolve("tone440.wav");
        Path tone1000 = tmp.resolve("tone1000.wav");
        Path tone700 = tmp.resolve("tone700.wav");
        ToneAnalysis.writeTone(tone440, 440, 8000, 5);
        ToneAnalysis.writeTone(tone1000, 1000, 8000, 5);
        ToneAnalysis.writeTone(tone700, 700, 8000, 5);
        Path aliceRec = tmp.resolve("alice.wav");
        Path carolRec = tmp.resolve("carol.wav");
        try (PhoneProcess bob = PhoneProcess.start(tmp.resolve("bob.log"), CallIT.concat(account("101"),
                "--auto-answer", "--play", tone700.toString(), "--at", "1:consult 102",
                "--at", "4:attended-transfer"));
             PhoneProcess carol = PhoneProcess.start(tmp.resolve("carol.log"), CallIT.concat(account("102"),
                "--auto-answer", "--play", tone1000.toString(), "--record", carolRec.toString()))) {
            bob.await("registered ", Duration.ofSeconds(45));
            carol.await("registered ", Duration.ofSeconds(45));
            try (PhoneProcess alice = PhoneProcess.start(tmp.resolve("alice.log"), CallIT.concat(account("100"),
                    "--call", "101", "--duration", "6", "--play", tone440.toString(),
                    "--record", aliceRec.toString()))) {
                alice.await("answered ", Duration.ofSeconds(30));
                bob.await("answered ", Duration.ofSeconds(10));
                bob.await("local-hold", Duration.ofSeconds(15));
                alice.await("hold", Duration.ofSeconds(10));
                carol.await("incoming sip:101@", Duration.ofSeconds(15));
                bob.await("consult-answered ", Duration.ofSeconds(15));
                assertThat(alice.await("referred ", Duration.ofSeconds(10))).startsWith("referred sip:102@")
                        .doesNotContain("Replaces");
                assertThat(carol.await("replaced ", Duration.ofSeconds(15))).startsWith("replaced sip:100@");
                assertThat(carol.await("ended ", Duration.ofSeconds(5))).isEqualTo("ended replaced");
                carol.await("answered ", Duration.ofSeconds(10));
                alice.await("answered ", Duration.ofSeconds(15));
                assertThat(bob.await("transfer 200", Duration.ofSeconds(15))).isEqualTo("transfer 200 OK");
                // the relayed 202 and the first NOTIFY (100 Trying) may reach bob in either order (RFC 3515 §2.4.4)
                assertThat(bob.stdout()).contains("transfer 202 Accepted");
                assertThat(bob.await("ended ", Duration.ofSeconds(10))).isEqualTo("ended transferred");
                assertThat(bob.waitForExit(Duration.ofSeconds(15))).as("bob exit; %s", bob.stderr()).isZero();
                assertThat(bob.stdout()).as("bob's consultation call ended by the replacement")
                        .anyMatch(l -> l.startsWith("consult-ended "));
                assertThat(alice.waitForExit(Duration.ofSeconds(30))).as("alice exit; %s", alice.stderr()).isZero();
                assertThat(carol.await("ended ", Duration.ofSeconds(10))).isEqualTo("ended remote-hangup");
                assertThat(carol.waitForExit(Duration.ofSeconds(10))).isZero();
            }
        }
        // both recordings are of the last call, the one between alice and carol
        assertThat(ToneAnalysis.dominantFrequency(aliceRec)).as("alice heard carol").isCloseTo(1000, offset(15.0));
        assertThat(ToneAnalysis.dominantFrequency(carolRec)).as("carol heard alice").isCloseTo(440, offset(15.0));
    }

    @Test
    void replacesNamingNoDialogGets481() throws Exception {
        try (RawSip sip = new RawSip(server.port(Transport.UDP))) {
            String callId = UUID.randomUUID() + "@127.0.0.1";
            sip.send(invite(sip, callId, 1, null));
            String challenge = sip.finalResponse(10000).orElseThrow(() -> new AssertionError("no answer"));
            assertThat(RawSip.status(challenge)).isEqualTo(407);
            String authz = new DigestClient("100", "pw-100", new SecureRandom()).answer(
                    RegistrarIT.header(challenge, "Proxy-Authenticate"), "INVITE", "sip:102@127.0.0.1");
            sip.send(invite(sip, callId, 2, authz));
            String answer = sip.finalResponse(10000).orElseThrow(() -> new AssertionError("no answer"));
            assertThat(RawSip.status(answer)).as(answer).isEqualTo(481);
        }
    }

    private static String invite(RawSip sip, String callId, int cseq, String authz) {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        return "INVITE sip:102@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + sip.localPort() + ";branch=z9hG4bK" + UUID.randomUUID()
                + ";rport\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:100@127.0.0.1>;tag=a1\r\nTo: <sip:102@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " INVITE\r\n"
                + "Contact: <sip:100@127.0.0.1:" + sip.localPort() + ">\r\n"
                + "Replaces: no-such-call@127.0.0.1;to-tag=x1;from-tag=y2\r\n"
                + (authz == null ? "" : "Proxy-Authorization: " + authz + "\r\n")
                + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    private static String[] account(String ext) {
        return new String[] {"--account", "sip:" + ext + "@127.0.0.1:" + server.port(Transport.UDP),
            "--password", "pw-" + ext};
    }
}
