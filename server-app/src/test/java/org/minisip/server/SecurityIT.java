package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minisip.sip.stack.Transport;

/**
 * Fail-to-ban, IP white/blacklists, scanner User-Agents, flood limit, caller blacklist and no enumeration, against
 * one server on 127.0.0.1. Each test plays a different "host" by binding its client to its own 127.x address.
 */
class SecurityIT {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("""
                security:
                  whitelist: [127.0.0.6]
                  blacklist: ["127.0.0.64/26", "2001:db8::/32"]
                  flood: {max-requests: 20, window-seconds: 60}
                  call-blacklist:
                    - {caller-prefix: anonymous, rate: 100}
                    - {called-prefix: "900", rate: 100}
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static int udp() {
        return server.port(Transport.UDP);
    }

    static String register(RawSip sip, String user, String authorization) {
        String branch = "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
        return "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + sip.localPort() + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@127.0.0.1>;tag=" + branch.substring(8, 16) + "\r\n"
                + "To: <sip:" + user + "@127.0.0.1>\r\n"
                + "Call-ID: " + branch + "\r\n"
                + "CSeq: 1 REGISTER\r\n"
                + "Contact: <sip:" + user + "@127.0.0.1:" + sip.localPort() + ">\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: 0\r\n\r\n";
    }

    static String invite(RawSip sip, String fromUser, String fromName, String to) {
        String branch = "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
        return "INVITE sip:" + to + "@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + sip.localPort() + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: " + (fromName == null ? "" : "\"" + fromName + "\" ") + "<sip:" + fromUser
                + "@127.0.0.1>;tag=" + branch.substring(8, 16) + "\r\n"
                + "To: <sip:" + to + "@127.0.0.1>\r\n"
                + "Call-ID: " + branch + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:" + fromUser + "@127.0.0.1:" + sip.localPort() + ">\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** Credentials with the server's nonce and a wrong response: what a password cracker sends. */
    static String wrongCredentials(RawSip sip, String user) throws Exception {
        sip.send(register(sip, user, null));
        String challenge = sip.finalResponse(3000).orElseThrow();
        assertThat(RawSip.status(challenge)).isEqualTo(401);
        Matcher m = Pattern.compile("nonce=\"([^\"]+)\"").matcher(challenge);
        assertThat(m.find()).isTrue();
        return "Digest username=\"" + user + "\", realm=\"minisip\", nonce=\"" + m.group(1)
                + "\", uri=\"sip:127.0.0.1\", response=\"0123456789abcdef0123456789abcdef\", algorithm=MD5";
    }

    private static boolean optionsAnswered(String from) throws Exception {
        try (RawSip sip = new RawSip(udp(), from)) {
            sip.send(sip.options());
            return sip.finalResponse(1500).isPresent();
        }
    }

    /** Tries wrong passwords until the server goes silent; returns how many got a 403. */
    private static int crackUntilSilent(String from, int maxTries) throws Exception {
        try (RawSip sip = new RawSip(udp(), from)) {
            String creds = wrongCredentials(sip, "100");
            for (int i = 0; i < maxTries; i++) {
                sip.send(register(sip, "100", creds));
                Optional<String> r = sip.finalResponse(1500);
                if (r.isEmpty()) {
                    return i;
                }
                assertThat(RawSip.status(r.get())).isEqualTo(403);
            }
            return maxTries;
        }
    }

    @Test
    void fiveWrongPasswordsBanTheSourceOnEveryTransportUntilLifted() throws Exception {
        assertThat(crackUntilSilent("127.0.0.5", 10)).isEqualTo(5);
        assertThat(optionsAnswered("127.0.0.5")).as("UDP from the banned address").isFalse();
        assertThat(optionsAnswered("127.0.0.1")).as("another address keeps service").isTrue();
        assertThat(server.server.security().bans().list()).anySatisfy(b -> {
            assertThat(b.address()).isEqualTo("127.0.0.5");
            assertThat(b.reason()).contains("5 failed authentications");
        });
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress("127.0.0.5", 0));
            s.connect(new InetSocketAddress("127.0.0.1", server.port(Transport.TCP)), 3000);
            s.setSoTimeout(3000);
            try {
                s.getOutputStream().write(("OPTIONS sip:127.0.0.1 SIP/2.0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            } catch (java.io.IOException closedAlready) {
                // the server may already have closed the connection
            }
            assertThat(readAll(s.getInputStream())).as("TCP from the banned address: closed, nothing sent").isEmpty();
        }
        assertThat(server.server.security().bans().lift("127.0.0.5")).isPresent();
        assertThat(optionsAnswered("127.0.0.5")).as("after the operator lifted the ban").isTrue();
    }

    private static String readAll(InputStream in) throws Exception {
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                sb.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // timeout: nothing more; reset: closed
        }
        return sb.toString();
    }

    @Test
    void whitelistedSourceIsNeverBanned() throws Exception {
        assertThat(crackUntilSilent("127.0.0.6", 12)).isEqualTo(12);
        assertThat(optionsAnswered("127.0.0.6")).isTrue();
    }

    @Test
    void blacklistedCidrIsDroppedOthersServed() throws Exception {
        assertThat(optionsAnswered("127.0.0.70")).isFalse();
        assertThat(optionsAnswered("127.0.0.127")).isFalse();
        assertThat(optionsAnswered("127.0.0.128")).isTrue();
    }

    @Test
    void scannerUserAgentIsDroppedAndItsSourceBanned() throws Exception {
        try (RawSip sip = new RawSip(udp(), "127.0.0.7")) {
            sip.send(sip.options().replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nUser-Agent: friendly-scanner\r\n"));
            assertThat(sip.finalResponse(1500)).isEmpty();
        }
        assertThat(optionsAnswered("127.0.0.7")).isFalse();
        assertThat(server.server.security().bans().list())
                .anySatisfy(b -> assertThat(b.reason()).contains("friendly-scanner"));
    }

    @Test
    void floodOverTheLimitIsDropped() throws Exception {
        int answered = 0;
        try (RawSip sip = new RawSip(udp(), "127.0.0.8")) {
            for (int i = 0; i < 30; i++) {
                sip.send(sip.options());
                if (sip.finalResponse(1000).isPresent()) {
                    answered++;
                }
            }
        }
        assertThat(answered).isEqualTo(20);
        assertThat(server.server.security().guard().counters().flood()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void unknownAndKnownExtensionsLookTheSameToAnEnumerator() throws Exception {
        List<String> answers = new ArrayList<>();
        for (String user : List.of("100", "999")) {
            answers.add(answer("127.0.0.9", sip -> register(sip, user, null)));
            answers.add(answer("127.0.0.9", sip -> invite(sip, user, null, "101")));
        }
        try (RawSip sip = new RawSip(udp(), "127.0.0.9")) {
            assertThat(RawSip.status(answers.get(0))).isEqualTo(401);
            assertThat(RawSip.status(answers.get(1))).isEqualTo(407);
            assertThat(RawSip.status(answers.get(2))).isEqualTo(401);
            assertThat(RawSip.status(answers.get(3))).isEqualTo(407);
            assertThat(RegistrarIT.headerNames(answers.get(0))).isEqualTo(RegistrarIT.headerNames(answers.get(2)));
            assertThat(RegistrarIT.headerNames(answers.get(1))).isEqualTo(RegistrarIT.headerNames(answers.get(3)));
            String known = crackOnce(sip, "100");
            String unknown = crackOnce(sip, "999");
            assertThat(RawSip.status(known)).isEqualTo(403);
            assertThat(RawSip.status(unknown)).isEqualTo(403);
            assertThat(RegistrarIT.headerNames(known)).isEqualTo(RegistrarIT.headerNames(unknown));
        }
    }

    private static String crackOnce(RawSip sip, String user) throws Exception {
        sip.send(register(sip, user, wrongCredentials(sip, user)));
        return sip.finalResponse(3000).orElseThrow();
    }

    @Test
    void callerAndCalledBlacklistRulesRefuseWith403BeforeAuthentication() throws Exception {
        String from = "127.0.0.10";
        assertThat(RawSip.status(answer(from, sip -> invite(sip, "anonymous", null, "101")))).isEqualTo(403);
        assertThat(RawSip.status(answer(from, sip -> invite(sip, "x", "Anonymous", "101")))).as("display name")
                .isEqualTo(403);
        assertThat(RawSip.status(answer(from, sip -> invite(sip, "100", null, "900123")))).as("called prefix")
                .isEqualTo(403);
        assertThat(RawSip.status(answer(from, sip -> invite(sip, "100", null, "101")))).as("no rule: challenged")
                .isEqualTo(407);
    }

    /** Sends one request from a fresh socket on {@code from}; its final response (INVITE answers are not ACKed). */
    private static String answer(String from, java.util.function.Function<RawSip, String> request) throws Exception {
        try (RawSip sip = new RawSip(udp(), from)) {
            sip.send(request.apply(sip));
            return sip.finalResponse(3000).orElseThrow();
        }
    }
}
