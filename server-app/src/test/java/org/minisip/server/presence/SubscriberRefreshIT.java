package org.minisip.server.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.server.PhoneProcess;
import org.minisip.server.RawSip;

/**
 * The headless phone as subscriber against a scripted notifier on a raw UDP socket (exact messages, RFC 6665):
 * it answers the 407 with digest credentials, refreshes inside the dialog before the granted 2 s run out (same
 * Call-ID, the notifier's To tag, higher CSeq, sent to the notifier's Contact), and subscribes anew (new Call-ID)
 * when a NOTIFY says {@code terminated;reason=timeout}.
 */
class SubscriberRefreshIT {
    @TempDir
    Path tmp;

    @Test
    void challengeRefreshAndResubscribe() throws Exception {
        int phonePort = freePort();
        try (RawSip pbx = new RawSip(phonePort, "127.0.0.1");
             PhoneProcess phone = PhoneProcess.start(tmp.resolve("phone.log"), "--account",
                     "sip:100@127.0.0.1:" + pbx.localPort(), "--password", "pw-100", "--local-port",
                     Integer.toString(phonePort), "--register-only", "--duration", "60", "--watch", "101")) {
            String register = request(pbx, "REGISTER");
            pbx.send(response(register, "200 OK", "reg1", "Contact: " + header(register, "Contact")
                    + ";expires=600\r\n"));
            phone.await("registered ", Duration.ofSeconds(30));

            String sub1 = request(pbx, "SUBSCRIBE");
            assertThat(header(sub1, "Event")).isEqualTo("dialog");
            assertThat(header(sub1, "Accept")).isEqualTo("application/dialog-info+xml");
            assertThat(header(sub1, "To")).doesNotContain("tag=");
            assertThat(sub1).startsWith("SUBSCRIBE sip:101@127.0.0.1:" + pbx.localPort() + " SIP/2.0");
            pbx.send(response(sub1, "407 Proxy Authentication Required", "c1",
                    "Proxy-Authenticate: Digest realm=\"minisip\", nonce=\"abc123\", algorithm=MD5, qop=\"auth\"\r\n"));
            String sub2 = request(pbx, "SUBSCRIBE");
            assertThat(header(sub2, "Proxy-Authorization")).contains("username=\"100\"").contains("nonce=\"abc123\"");
            String callId = header(sub2, "Call-ID");
            assertThat(callId).isEqualTo(header(sub1, "Call-ID"));
            String phoneTag = tag(header(sub2, "From"));
            pbx.send(response(sub2, "200 OK", "srv1", "Expires: 2\r\nContact: <sip:notifier@127.0.0.1:"
                    + pbx.localPort() + ">\r\n"));
            pbx.send(notify(pbx, phonePort, callId, phoneTag, 1, "active;expires=2", 0));
            assertThat(phone.await("blf 101 ", Duration.ofSeconds(20))).isEqualTo("blf 101 idle");

            // the refresh: inside the dialog, before the 2 s expire
            String refresh = request(pbx, "SUBSCRIBE");
            assertThat(refresh).startsWith("SUBSCRIBE sip:notifier@127.0.0.1:" + pbx.localPort() + " SIP/2.0");
            assertThat(header(refresh, "Call-ID")).isEqualTo(callId);
            assertThat(tag(header(refresh, "To"))).isEqualTo("srv1");
            assertThat(cseq(refresh)).isGreaterThan(cseq(sub2));
            assertThat(header(refresh, "Expires")).isEqualTo("600");
            pbx.send(response(refresh, "200 OK", "srv1", "Expires: 600\r\n"));

            // the notifier ends the subscription: the phone subscribes again in a new dialog
            pbx.send(notify(pbx, phonePort, callId, phoneTag, 2, "terminated;reason=timeout", 1));
            String again = request(pbx, "SUBSCRIBE");
            assertThat(header(again, "Call-ID")).isNotEqualTo(callId);
            assertThat(header(again, "To")).doesNotContain("tag=");
        }
    }

    /** The next request with {@code method} (answers to our NOTIFYs and other requests skipped). */
    private static String request(RawSip pbx, String method) throws Exception {
        long end = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < end) {
            Optional<String> m = pbx.receive((int) Math.max(1, end - System.currentTimeMillis()));
            if (m.isPresent() && m.get().startsWith(method + " ")) {
                return m.get();
            }
        }
        throw new AssertionError("no " + method + " from the phone");
    }

    private static String response(String req, String status, String toTag, String extra) {
        StringBuilder b = new StringBuilder("SIP/2.0 ").append(status).append("\r\n");
        for (String line : req.split("\r\n")) {
            String l = line.toLowerCase();
            if (l.startsWith("via:") || l.startsWith("from:") || l.startsWith("call-id:") || l.startsWith("cseq:")) {
                b.append(line).append("\r\n");
            } else if (l.startsWith("to:")) {
                b.append(line).append(line.contains("tag=") ? "" : ";tag=" + toTag).append("\r\n");
            }
            if (line.isEmpty()) {
                break;
            }
        }
        return b.append(extra).append("Content-Length: 0\r\n\r\n").toString();
    }

    private static String notify(RawSip pbx, int phonePort, String callId, String phoneTag, int cseq, String state,
                                 int version) {
        String body = "<?xml version=\"1.0\"?>\n<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\""
                + version + "\" state=\"full\" entity=\"sip:101@127.0.0.1\"/>\n";
        return "NOTIFY sip:100@127.0.0.1:" + phonePort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + pbx.localPort() + ";branch=z9hG4bKn" + cseq + callId.hashCode()
                + "\r\nMax-Forwards: 70\r\n"
                + "From: <sip:101@127.0.0.1>;tag=srv1\r\n"
                + "To: <sip:100@127.0.0.1>;tag=" + phoneTag + "\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " NOTIFY\r\n"
                + "Contact: <sip:notifier@127.0.0.1:" + pbx.localPort() + ">\r\n"
                + "Event: dialog\r\nSubscription-State: " + state + "\r\n"
                + "Content-Type: application/dialog-info+xml\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static String header(String msg, String name) {
        return RawSubscriber.header(msg, name).orElse("");
    }

    private static String tag(String headerValue) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(";\\s*tag=([^;\\s>]+)").matcher(headerValue);
        return m.find() ? m.group(1) : null;
    }

    private static long cseq(String msg) {
        return Long.parseLong(header(msg, "CSeq").split("\\s+")[0]);
    }

    private static int freePort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
