package org.minisip.server.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.server.PhoneProcess;
import org.minisip.server.RawSip;
import org.minisip.server.TestServer;
import org.minisip.sip.stack.Transport;

/**
 * An unsolicited {@code message-summary} NOTIFY (as Asterisk and many PBXes send without a subscription) reaches a
 * registered headless phone from its server's address and is printed as {@code mwi yes 2/8}; the same NOTIFY from
 * another address is refused with 403 and printed as nothing.
 */
class UnsolicitedMwiIT {
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
    void unsolicitedNotifyFromTheServerAddressIsShown() throws Exception {
        int port = freePort();
        try (PhoneProcess phone = PhoneProcess.start(tmp.resolve("phone.log"), concat(
                new String[] {"--account", "sip:101@127.0.0.1:" + server.port(Transport.UDP), "--password", "pw-101"},
                "--register-only", "--duration", "60", "--local-port", Integer.toString(port)))) {
            phone.await("registered ", Duration.ofSeconds(45));
            try (RawSip stranger = new RawSip(port, "127.0.0.2")) {
                stranger.send(notify(stranger.localPort(), "127.0.0.2", port, "yes", "9/9 (1/1)"));
                Optional<String> r = stranger.finalResponse(10_000);
                assertThat(r).isPresent();
                assertThat(RawSip.status(r.get())).isEqualTo(403);
            }
            try (RawSip pbx = new RawSip(port, "127.0.0.1")) {
                pbx.send(notify(pbx.localPort(), "127.0.0.1", port, "yes", "2/8 (0/2)"));
                Optional<String> r = pbx.finalResponse(10_000);
                assertThat(r).isPresent();
                assertThat(RawSip.status(r.get())).isEqualTo(200);
            }
            assertThat(phone.await("mwi ", Duration.ofSeconds(20))).isEqualTo("mwi yes 2/8");
            assertThat(phone.stdout()).noneMatch(l -> l.startsWith("mwi yes 9/9"));
        }
    }

    private static String notify(int localPort, String localHost, int phonePort, String waiting, String voice) {
        String branch = "z9hG4bK" + java.util.UUID.randomUUID().toString().replace("-", "");
        String body = "Messages-Waiting: " + waiting + "\r\n"
                + "Message-Account: sip:101@127.0.0.1\r\n"
                + "Voice-Message: " + voice + "\r\n";
        return "NOTIFY sip:101@127.0.0.1:" + phonePort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + localHost + ":" + localPort + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:101@127.0.0.1>;tag=" + branch.substring(7, 15) + "\r\n"
                + "To: <sip:101@127.0.0.1>\r\n"
                + "Call-ID: " + branch + "@" + localHost + "\r\n"
                + "CSeq: 102 NOTIFY\r\n"
                + "Contact: <sip:asterisk@" + localHost + ":" + localPort + ">\r\n"
                + "Event: message-summary\r\n"
                + "Subscription-State: active\r\n"
                + "Content-Type: application/simple-message-summary\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static int freePort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
