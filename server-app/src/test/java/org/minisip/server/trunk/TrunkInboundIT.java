package org.minisip.server.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.server.TestServer;
import org.minisip.sip.stack.Transport;

/**
 * Calls from trunks: SIPp as the carrier (127.0.0.5) sends {@code tel:1-0-1;phone-context=...} which reaches
 * extension 101 by its dialled number (visual separators removed); SIPp as an IP-trusted gateway (127.0.0.7)
 * sends a sip: URI with an unknown number that goes to the trunk's {@code inbound-to}; a SIPp UAS registered as
 * 101 answers both. An INVITE from a non-trunk address (127.0.0.8) is challenged, never routed, and a trunk's
 * call to an outbound prefix does not leave again.
 */
class TrunkInboundIT {
    @TempDir
    Path tmp;

    @Test
    void trunkCallsReachExtensionsAndOthersAreNotRouted() throws Exception {
        try (Sipp sipp = new Sipp(tmp); TestServer server = TestServer.start("""
                trunks:
                  - {name: carrier, registrar: "127.0.0.5:5999", username: "8801", password: "x", register: false,
                     outbound-prefix: "9"}
                  - {name: gateway, address: "127.0.0.7", inbound-to: "101"}
                """)) {
            String target = "127.0.0.1:" + server.port(Transport.UDP);
            int ext = Sipp.freePort("127.0.0.1");
            Process reg = sipp.start("register", target, "-sf", "register.xml", "-s", "101", "-au", "101", "-ap",
                    "pw-101", "-m", "1", "-i", "127.0.0.1", "-p", Integer.toString(ext), "-timeout", "20s");
            sipp.assertExit(reg, "register", 0, "");
            Process uas = sipp.start("ext101", "-sn", "uas", "-i", "127.0.0.1", "-p", Integer.toString(ext), "-m", "2",
                    "-timeout", "60s");

            Process carrier = sipp.start("carrier", target, "-sf", "carrier_calls_in.xml", "-set", "ruri",
                    "tel:1-0-1;phone-context=carrier.test", "-set", "caller", "+49-30-555123", "-i", "127.0.0.5",
                    "-p", Integer.toString(Sipp.freePort("127.0.0.5")), "-m", "1", "-timeout", "30s");
            sipp.assertExit(carrier, "carrier", 0, sipp.read("ext101.out"));

            Process gateway = sipp.start("gateway", target, "-sf", "carrier_calls_in.xml", "-set", "ruri",
                    "sip:+1-212-555-0199@127.0.0.1;user=phone", "-set", "caller", "2125550100", "-i", "127.0.0.7",
                    "-p", Integer.toString(Sipp.freePort("127.0.0.7")), "-m", "1", "-timeout", "30s");
            sipp.assertExit(gateway, "gateway", 0, "");
            sipp.assertExit(uas, "ext101", 0, "");

            org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(TrunkOutboundIT.cdrsOf(server.dataDir))
                    .contains(",+4930555123,101,").contains(",2125550100,101,").contains("ANSWERED"));

            // not a trunk: challenged like any phone, never routed without credentials
            assertThat(rawInvite("127.0.0.8", server.port(Transport.UDP), "sip:101@127.0.0.1")).startsWith(
                    "SIP/2.0 407");
            // the carrier may not use the server to reach another trunk (toll fraud): 404, not an outbound call
            assertThat(rawInvite("127.0.0.5", server.port(Transport.UDP), "sip:90049301234@127.0.0.1"))
                    .startsWith("SIP/2.0 404");
            // the carrier calling a number that is not an extension: 404
            assertThat(rawInvite("127.0.0.5", server.port(Transport.UDP), "tel:+1-555-0100")).startsWith("SIP/2.0 404");
        }
    }

    /** Sends an INVITE from {@code source} and returns the first final response line. */
    static String rawInvite(String source, int serverPort, String ruri) throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(source), 0))) {
            String branch = "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
            String sdp = "v=0\r\no=- 1 1 IN IP4 " + source + "\r\ns=-\r\nc=IN IP4 " + source
                    + "\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
            String msg = "INVITE " + ruri + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP " + source + ":" + s.getLocalPort() + ";branch=" + branch + ";rport\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:2125550100@" + source + ">;tag=" + branch.substring(7, 15) + "\r\n"
                    + "To: <" + ruri + ">\r\n"
                    + "Call-ID: " + branch + "@" + source + "\r\n"
                    + "CSeq: 1 INVITE\r\n"
                    + "Contact: <sip:x@" + source + ":" + s.getLocalPort() + ">\r\n"
                    + "Content-Type: application/sdp\r\n"
                    + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
            byte[] b = msg.getBytes(StandardCharsets.UTF_8);
            s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), serverPort));
            s.setSoTimeout(10000);
            byte[] buf = new byte[65535];
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    s.receive(p);
                } catch (SocketTimeoutException e) {
                    return "(no final response)";
                }
                String r = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                if (!r.startsWith("SIP/2.0 1")) {
                    return r;
                }
            }
        }
    }
}
