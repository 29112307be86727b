package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.sip.auth.DigestClient;
import org.minisip.sip.stack.Transport;

/**
 * A callee that registers over TCP from a connection it never listens behind (a phone behind NAT; its Contact
 * port is closed) still gets the INVITE on that very connection. In the call, its re-INVITE (hold) is relayed to
 * our phone and answered; an INFO without a body is answered 200 by the server (keep-alive); its BYE ends both
 * legs with the Reason's cause in the CDR.
 */
class DialogRelayIT {
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
    void tcpFlowReuseHoldRelayKeepAliveAndBye() throws Exception {
        try (RawTcpSip ua = new RawTcpSip(server.port(Transport.TCP))) {
            String contact = "<sip:101@127.0.0.1:9;transport=tcp>"; // port 9: nothing listens there
            register(ua, contact);
            try (PhoneProcess caller = PhoneProcess.start(tmp.resolve("caller.log"), "--account",
                    "sip:100@127.0.0.1:" + server.port(Transport.UDP), "--password", "pw-100", "--call", "101",
                    "--srtp", "off", "--duration", "20")) {
                String invite = ua.receive(15000).orElseThrow(() -> new AssertionError("no INVITE on the flow"));
                assertThat(invite).startsWith("INVITE sip:101@127.0.0.1:9;transport=tcp");
                String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                        + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
                String toTag = "ua" + UUID.randomUUID().toString().substring(0, 8);
                ua.send(response(invite, "200 OK", toTag, sdp, contact));
                caller.await("answered ", Duration.ofSeconds(10));
                String ack = ua.receive(5000).orElseThrow();
                assertThat(ack).startsWith("ACK ");

                Dialog d = new Dialog(invite, toTag, ua.localPort());
                ua.send(d.request("INVITE", 2, sdp.replace("t=0 0\r\n", "t=0 0\r\na=sendonly\r\n")));
                String reinviteAnswer = finalResponse(ua);
                assertThat(reinviteAnswer).startsWith("SIP/2.0 200");
                assertThat(reinviteAnswer).as("our phone answers hold with recvonly").contains("a=recvonly");
                caller.await("hold", Duration.ofSeconds(5));
                ua.send(d.request("ACK", 2, null));

                ua.send(d.request("INFO", 3, null));
                assertThat(finalResponse(ua)).startsWith("SIP/2.0 200");

                ua.send(d.request("BYE", 4, null).replace("Content-Length: 0",
                        "Reason: Q.850;cause=16;text=\"Normal call clearing\"\r\nContent-Length: 0"));
                assertThat(finalResponse(ua)).startsWith("SIP/2.0 200");
                caller.await("ended ", Duration.ofSeconds(10));
                assertThat(caller.waitForExit(Duration.ofSeconds(10))).isZero();
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                try (var files = java.nio.file.Files.list(server.dataDir.resolve("cdr"))) {
                    String cdr = java.nio.file.Files.readString(files.findFirst().orElseThrow());
                    assertThat(cdr).containsPattern(",100,101,\\d+,ANSWERED,200,callTag=callee;cause=16");
                }
            });
        }
    }

    private static String finalResponse(RawTcpSip ua) throws Exception {
        while (true) {
            String m = ua.receive(10000).orElseThrow(() -> new AssertionError("no response"));
            if (m.startsWith("SIP/2.0 ") && !m.startsWith("SIP/2.0 1")) {
                return m;
            }
        }
    }

    private static void register(RawTcpSip ua, String contact) throws Exception {
        String callId = UUID.randomUUID() + "@127.0.0.1";
        String req = registerRequest(ua, callId, 1, contact, null);
        ua.send(req);
        String challenge = finalResponse(ua);
        assertThat(challenge).startsWith("SIP/2.0 401");
        String authz = new DigestClient("101", "pw-101", new SecureRandom())
                .answer(RegistrarIT.header(challenge, "WWW-Authenticate"), "REGISTER", "sip:127.0.0.1");
        ua.send(registerRequest(ua, callId, 2, contact, authz));
        assertThat(finalResponse(ua)).startsWith("SIP/2.0 200");
    }

    private static String registerRequest(RawTcpSip ua, String callId, int cseq, String contact, String authz) {
        return "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:" + ua.localPort() + ";branch=z9hG4bK" + UUID.randomUUID() + ";rport\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:101@127.0.0.1>;tag=r1\r\nTo: <sip:101@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " REGISTER\r\nContact: " + contact + "\r\n"
                + "Expires: 600\r\n" + (authz == null ? "" : "Authorization: " + authz + "\r\n")
                + "Content-Length: 0\r\n\r\n";
    }

    private static String response(String request, String status, String toTag, String sdp, String contact) {
        StringBuilder sb = new StringBuilder("SIP/2.0 ").append(status).append("\r\n");
        for (String line : request.split("\r\n")) {
            String l = line.toLowerCase();
            if (l.startsWith("via:") || l.startsWith("from:") || l.startsWith("call-id:") || l.startsWith("cseq:")) {
                sb.append(line).append("\r\n");
            } else if (l.startsWith("to:")) {
                sb.append(line).append(";tag=").append(toTag).append("\r\n");
            }
        }
        sb.append("Contact: ").append(contact).append("\r\n");
        if (sdp != null) {
            sb.append("Content-Type: application/sdp\r\nContent-Length: ").append(sdp.length()).append("\r\n\r\n")
              .append(sdp);
        } else {
            sb.append("Content-Length: 0\r\n\r\n");
        }
        return sb.toString();
    }

    /** The callee side of the dialog the server's INVITE created, for sending in-dialog requests. */
    private record Dialog(String from, String to, String callId, String target, int localPort) {
        Dialog(String invite, String toTag, int localPort) {
            this(header(invite, "To") + ";tag=" + toTag, header(invite, "From"), header(invite, "Call-ID"),
                    contactUri(invite), localPort);
        }

        String request(String method, int cseq, String sdp) {
            String body = sdp == null ? "" : sdp;
            return method + " " + target + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP 127.0.0.1:" + localPort + ";branch=z9hG4bK" + UUID.randomUUID() + ";rport\r\n"
                    + "Max-Forwards: 70\r\nFrom: " + from + "\r\nTo: " + to + "\r\nCall-ID: " + callId + "\r\n"
                    + "CSeq: " + cseq + " " + method + "\r\nContact: <sip:101@127.0.0.1:9;transport=tcp>\r\n"
                    + (sdp == null ? "" : "Content-Type: application/sdp\r\n")
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body;
        }

        private static String header(String msg, String name) {
            return RegistrarIT.header(msg, name);
        }

        private static String contactUri(String msg) {
            Matcher m = Pattern.compile("<([^>]+)>").matcher(header(msg, "Contact"));
            assertThat(m.find()).isTrue();
            return m.group(1);
        }
    }
}
