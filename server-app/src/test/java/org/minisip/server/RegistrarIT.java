package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minisip.sip.auth.DigestClient;
import org.minisip.sip.stack.Transport;

/** REGISTER over UDP on 127.0.0.1 with exact messages: digest, 423, several contacts, removal, no enumeration. */
class RegistrarIT {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("registrar:\n  min-expires: 60\n  max-expires: 3600\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** One REGISTER dialog-less transaction sequence sharing a Call-ID, as a phone does. */
    static final class Registration {
        final RawSip sip;
        final String user;
        final String callId = UUID.randomUUID() + "@127.0.0.1";
        int cseq = 1;

        Registration(RawSip sip, String user) {
            this.sip = sip;
            this.user = user;
        }

        String request(String contact, String expires, String authorization) {
            String branch = "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
            return "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + sip.localPort() + ";branch=" + branch + ";rport\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:" + user + "@127.0.0.1>;tag=abc123\r\n"
                    + "To: <sip:" + user + "@127.0.0.1>\r\n"
                    + "Call-ID: " + callId + "\r\n"
                    + "CSeq: " + (cseq++) + " REGISTER\r\n"
                    + (contact == null ? "" : "Contact: " + contact + "\r\n")
                    + (expires == null ? "" : "Expires: " + expires + "\r\n")
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Content-Length: 0\r\n\r\n";
        }

        /** Sends, answers the 401 with {@code password}, returns the final response. */
        String send(String contact, String expires, String password) throws Exception {
            sip.send(request(contact, expires, null));
            String challenge = sip.finalResponse(3000).orElseThrow();
            if (RawSip.status(challenge) != 401) {
                return challenge;
            }
            String www = header(challenge, "WWW-Authenticate");
            String authz = new DigestClient(user, password, new SecureRandom()).answer(www, "REGISTER",
                    "sip:127.0.0.1");
            sip.send(request(contact, expires, authz));
            return sip.finalResponse(3000).orElseThrow();
        }
    }

    static String header(String msg, String name) {
        Matcher m = Pattern.compile("(?im)^" + name + ":\\s*(.*?)\\r?$").matcher(msg);
        assertThat(m.find()).as("%s in\n%s", name, msg).isTrue();
        return m.group(1);
    }

    @Test
    void registersSeveralContactsRefreshesAndUnregisters() throws Exception {
        try (RawSip sip = new RawSip(server.port(Transport.UDP))) {
            Registration reg = new Registration(sip, "101");
            String ok = reg.send("<sip:101@127.0.0.1:6001>", "600", "pw-101");
            assertThat(RawSip.status(ok)).isEqualTo(200);
            assertThat(ok).containsPattern("(?i)Contact: <sip:101@127.0.0.1:6001>;expires=(600|599)");
            ok = reg.send("<sip:101@127.0.0.1:6002>;expires=7200", null, "pw-101");
            assertThat(ok).containsPattern("(?i)<sip:101@127.0.0.1:6002>;expires=(3600|3599)")
                    .contains("sip:101@127.0.0.1:6001");
            assertThat(server.server.location().lookup("101")).hasSize(2);
            ok = reg.send("<sip:101@127.0.0.1:6001>", "0", "pw-101");
            assertThat(server.server.location().lookup("101")).hasSize(1);
            ok = reg.send("*", "0", "pw-101");
            assertThat(RawSip.status(ok)).isEqualTo(200);
            assertThat(server.server.location().lookup("101")).isEmpty();
        }
    }

    @Test
    void tooBriefExpiryGets423WithMinExpires() throws Exception {
        try (RawSip sip = new RawSip(server.port(Transport.UDP))) {
            String r = new Registration(sip, "102").send("<sip:102@127.0.0.1:6003>", "10", "pw-102");
            assertThat(RawSip.status(r)).isEqualTo(423);
            assertThat(header(r, "Min-Expires")).isEqualTo("60");
        }
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() throws Exception {
        try (RawSip sip = new RawSip(server.port(Transport.UDP))) {
            String wrong = new Registration(sip, "103").send("<sip:103@127.0.0.1:6004>", "600", "nope");
            String unknown = new Registration(sip, "999").send("<sip:999@127.0.0.1:6004>", "600", "nope");
            assertThat(RawSip.status(wrong)).isEqualTo(403);
            assertThat(RawSip.status(unknown)).isEqualTo(403);
            assertThat(headerNames(wrong)).isEqualTo(headerNames(unknown));
            assertThat(server.server.location().lookup("103")).isEmpty();
        }
    }

    @Test
    void unknownUserIsChallengedLikeAKnownOne() throws Exception {
        try (RawSip sip = new RawSip(server.port(Transport.UDP))) {
            Registration known = new Registration(sip, "104");
            sip.send(known.request("<sip:104@127.0.0.1:6005>", "600", null));
            String a = sip.finalResponse(3000).orElseThrow();
            Registration unknown = new Registration(sip, "555");
            sip.send(unknown.request("<sip:555@127.0.0.1:6005>", "600", null));
            String b = sip.finalResponse(3000).orElseThrow();
            assertThat(RawSip.status(a)).isEqualTo(401);
            assertThat(RawSip.status(b)).isEqualTo(401);
            assertThat(headerNames(a)).isEqualTo(headerNames(b));
        }
    }

    static java.util.List<String> headerNames(String msg) {
        return msg.lines().skip(1).takeWhile(l -> !l.isEmpty()).map(l -> l.substring(0, l.indexOf(':'))).toList();
    }
}
