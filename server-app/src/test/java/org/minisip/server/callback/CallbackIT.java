package org.minisip.server.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.server.TestServer;
import org.minisip.server.trunk.Sipp;
import org.minisip.sip.stack.Transport;

/**
 * The call-back service on loopback: the application server (127.0.0.1) asks for 101 then 102; SIPp as 101
 * answers the offerless INVITE, must get 102's answer in its ACK, and hangs up; SIPp as 102 answers and gets the
 * BYE. Malformed and impossible requests get an ERROR with a reason; a request from 127.0.0.2 gets nothing.
 */
class CallbackIT {
    @TempDir
    Path tmp;

    @Test
    void callsAThenBJoinsThemAndRejectsWhatItCannotDo() throws Exception {
        try (Sipp sipp = new Sipp(tmp); TestServer server = TestServer.start(null)) {
            String target = "127.0.0.1:" + server.port(Transport.UDP);
            int pa = Sipp.freePort("127.0.0.1");
            int pb = Sipp.freePort("127.0.0.1");
            for (String[] ext : new String[][] {{"101", Integer.toString(pa)}, {"102", Integer.toString(pb)}}) {
                Process reg = sipp.start("register" + ext[0], target, "-sf", "register.xml", "-s", ext[0], "-au", ext[0],
                        "-ap", "pw-" + ext[0], "-m", "1", "-i", "127.0.0.1", "-p", ext[1], "-timeout", "20s");
                sipp.assertExit(reg, "register" + ext[0], 0, "");
            }
            Process a = sipp.start("a", "-sf", "uas_answer_then_bye.xml", "-i", "127.0.0.1", "-p", Integer.toString(pa),
                    "-m", "1", "-timeout", "40s");
            Process b = sipp.start("b", "-sn", "uas", "-i", "127.0.0.1", "-p", Integer.toString(pb), "-m", "1",
                    "-timeout", "40s");
            int port = server.server.callbackPort();
            assertThat(port).isPositive();

            String ok = request("127.0.0.1", port, "CALL cb1 101 102\n");
            assertThat(ok).startsWith("OK cb1 ");
            sipp.assertExit(a, "a", 0, "");
            sipp.assertExit(b, "b", 0, "");
            assertThat(sipp.read("a.log")).contains("A INVITE sip:101@127.0.0.1:" + pa)
                    .contains("FROM \"Call-back\" <sip:102@127.0.0.1>").contains("A ACK carries the answer of B");
            String ref = ok.substring("OK cb1 ".length());
            await().untilAsserted(() -> assertThat(cdrs(server.dataDir)).contains(ref + ",")
                    .contains(",101,102,"));

            assertThat(request("127.0.0.1", port, "PING p1")).isEqualTo("PONG p1");
            assertThat(request("127.0.0.1", port, "CALL cb2 101")).isEqualTo("ERROR cb2 400 expected: CALL <id> <A> <B>");
            assertThat(request("127.0.0.1", port, "CALL cb3 555 102")).startsWith("ERROR cb3 404 A: unknown number 555");
            assertThat(request("127.0.0.1", port, "CALL cb4 101 103")).startsWith("ERROR cb4 480 B: extension 103");
            assertThat(request("127.0.0.1", port, "DIAL d1 101 102")).startsWith("ERROR d1 405 unknown command");
            assertThat(request("127.0.0.1", port, "CALL cb5 10;1 102")).startsWith("ERROR cb5 400 bad number");
            assertThat(request("127.0.0.1", port, "\u00ff\u00fe")).startsWith("ERROR - 400 ");

            long before = server.server.callbackIgnored();
            assertThat(request("127.0.0.2", port, "PING p2")).isEqualTo("(no answer)");
            assertThat(server.server.callbackIgnored()).isEqualTo(before + 1);
        }
    }

    /** Sends one datagram from {@code source} and returns the answer, or "(no answer)" after 3 s. */
    static String request(String source, int port, String text) throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(source), 0))) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
            s.setSoTimeout(3000);
            byte[] buf = new byte[2048];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                return "(no answer)";
            }
            return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
        }
    }

    static String cdrs(Path dataDir) throws Exception {
        Path dir = dataDir.resolve("cdr");
        if (!Files.isDirectory(dir)) {
            return "";
        }
        try (Stream<Path> files = Files.list(dir)) {
            StringBuilder sb = new StringBuilder();
            for (Path p : files.toList()) {
                sb.append(Files.readString(p));
            }
            return sb.toString();
        }
    }
}
