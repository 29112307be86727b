package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minisip.sip.stack.Transport;

/**
 * RFC 4475 torture messages and garbage thrown at the server over UDP: invalid messages get a 4xx/5xx or are
 * dropped, and after each one the server still answers OPTIONS with 200.
 */
class MalformedInputIT {
    /** RFC 4475 §3.1.2 invalid messages (file names as in the RFC). */
    private static final List<String> INVALID = List.of("badinv01.dat", "clerr.dat", "scalar02.dat",
            "scalarlg.dat", "quotbal.dat", "ltgtruri.dat", "lwsruri.dat", "lwsstart.dat", "trws.dat",
            "escruri.dat", "baddate.dat", "regbadct.dat", "badaspec.dat", "baddn.dat", "badvers.dat",
            "mismatch01.dat", "mismatch02.dat", "multi01.dat", "ncl.dat", "insuf.dat");
    /** RFC 4475 §3.1.1 valid requests: answered, never with 400 (§3.1.1.12/13 are responses: nothing to answer). */
    private static final List<String> VALID = List.of("wsinv.dat", "intmeth.dat", "esc01.dat", "escnull.dat",
            "esc02.dat", "lwsdisp.dat", "longreq.dat", "dblreq.dat", "semiuri.dat", "transports.dat", "mpart01.dat");
    private static final Pattern TOP_VIA = Pattern.compile("(?im)^(?:via|v)\\s*:\\s*SIP\\s*/\\s*2\\.0\\s*/\\s*(\\w+)");
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(null);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** The shared corpus beside the work tree ({@code ../shared/testdata}), set by the build or found upwards. */
    static Path corpus() {
        Path dir = Path.of(System.getProperty("minisip.testdata", "../../shared/testdata"), "rfc4475");
        for (Path p = Path.of("").toAbsolutePath(); p != null && !Files.isDirectory(dir); p = p.getParent()) {
            dir = p.resolve("shared/testdata/rfc4475");
        }
        assertThat(dir).as("RFC 4475 corpus in ../shared/testdata (or -Dminisip.testdata=DIR)").isDirectory();
        return dir;
    }

    @Test
    void everyTortureMessageLeavesTheServerServing() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus())) {
            files = s.filter(p -> p.toString().endsWith(".dat")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(49);
        System.out.printf("torture: %d RFC 4475 messages over UDP%n", files.size());
        try (RawSip sip = new RawSip(server.port(Transport.UDP))) {
            for (Path f : files) {
                sip.send(Files.readAllBytes(f));
                boolean valid = VALID.contains(f.getFileName().toString());
                // over UDP, answers to messages without rport go to the Via port (5060), not to us: valid ones are
                // checked when their answer comes back here, and all of them over TCP below
                Optional<String> answer = valid ? sip.finalResponse(2000) : sip.receive(300);
                drain(sip);
                if (INVALID.contains(f.getFileName().toString()) && answer.isPresent()
                        && answer.get().startsWith("SIP/2.0 ")) {
                    assertThat(RawSip.status(answer.get())).as("answer to invalid %s", f.getFileName())
                            .isGreaterThanOrEqualTo(400);
                }
                if (valid && answer.isPresent()) {
                    assertThat(RawSip.status(answer.get())).as("answer to valid %s", f.getFileName())
                            .isNotEqualTo(400);
                }
                sip.send(sip.options());
                Optional<String> ok = sip.finalResponse(3000);
                assertThat(ok).as("OPTIONS answered after %s", f.getFileName()).isPresent();
                assertThat(RawSip.status(ok.get())).isEqualTo(200);
            }
        }
    }

    @Test
    void everyTortureMessageOverTcpLeavesTheServerServing() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus())) {
            files = s.filter(p -> p.toString().endsWith(".dat")).sorted().toList();
        }
        int port = server.port(Transport.TCP);
        System.out.printf("torture: %d RFC 4475 messages over TCP%n", files.size());
        for (Path f : files) {
            try (RawTcpSip tcp = new RawTcpSip(port)) {
                tcp.send(Files.readAllBytes(f));
                boolean valid = VALID.contains(f.getFileName().toString());
                // answers to a request whose Via says UDP may go out over UDP to the Via address (RFC 3261
                // §18.2.2): only valid requests with a TCP Via must be answered on this connection
                java.util.regex.Matcher topVia = TOP_VIA.matcher(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1));
                boolean viaTcp = topVia.find() && topVia.group(1).equalsIgnoreCase("TCP");
                Optional<String> answer = tcp.receive(valid ? (viaTcp ? 10000 : 2000) : 300);
                if (valid && viaTcp) {
                    assertThat(answer).as("answer to valid %s over TCP", f.getFileName()).isPresent();
                }
                if (valid && answer.isPresent()) {
                    assertThat(RawSip.status(answer.get())).as("answer to valid %s over TCP", f.getFileName())
                            .isNotEqualTo(400);
                }
            } catch (java.net.SocketException closedByServer) {
                // an invalid stream may be closed by the server: that is a drop
            }
            try (RawTcpSip tcp = new RawTcpSip(port)) {
                tcp.send(tcp.options(port));
                Optional<String> ok = tcp.receive(3000);
                assertThat(ok.map(RawSip::status)).as("OPTIONS over TCP answered after %s", f.getFileName())
                        .contains(200);
            }
        }
    }

    @Test
    void hugeContentLengthOnAStreamClosesItWithoutAllocating() throws Exception {
        int port = server.port(Transport.TCP);
        try (RawTcpSip tcp = new RawTcpSip(port)) {
            tcp.send(tcp.options(port).replace("Content-Length: 0", "Content-Length: 2000000000"));
            assertThat(tcp.receive(3000)).isEmpty();
        }
        try (RawTcpSip tcp = new RawTcpSip(port)) {
            tcp.send(tcp.options(port));
            assertThat(tcp.receive(3000).map(RawSip::status)).contains(200);
        }
    }

    @Test
    void tooManyHeadersOrOversizedDatagramGets400() throws Exception {
        try (RawSip sip = new RawSip(server.port(Transport.UDP))) {
            String many = sip.options().replace("Max-Forwards: 70\r\n",
                    "Max-Forwards: 70\r\n" + "X-Filler: x\r\n".repeat(300));
            sip.send(many);
            assertThat(sip.receive(3000).map(RawSip::status)).contains(400);
            String longLine = sip.options().replace("Max-Forwards: 70\r\n",
                    "Max-Forwards: 70\r\nSubject: " + "y".repeat(9000) + "\r\n");
            sip.send(longLine);
            assertThat(sip.receive(3000).map(RawSip::status)).contains(400);
            sip.send(sip.options());
            assertThat(sip.finalResponse(3000).map(RawSip::status)).contains(200);
        }
    }

    @Test
    void badRequestGets400AndOptionsStillWorks() throws Exception {
        try (RawSip sip = new RawSip(server.port(Transport.UDP))) {
            String bad = sip.options().replace("CSeq: 1 OPTIONS", "CSeq: x OPTIONS");
            sip.send(bad);
            Optional<String> r = sip.receive(2000);
            assertThat(r).isPresent();
            assertThat(RawSip.status(r.get())).isEqualTo(400);
            sip.send(new byte[] {0, 1, 2, 3, (byte) 0xff, 'x'});
            sip.send(sip.options());
            assertThat(sip.finalResponse(3000).map(RawSip::status)).contains(200);
        }
    }

    @Test
    void optionsIsAnsweredWithAllow() throws Exception {
        try (RawSip sip = new RawSip(server.port(Transport.UDP))) {
            sip.send(sip.options());
            String r = sip.finalResponse(3000).orElseThrow();
            assertThat(RawSip.status(r)).isEqualTo(200);
            assertThat(r).containsPattern("(?i)Allow: .*INVITE");
        }
    }

    private static void drain(RawSip sip) throws Exception {
        while (sip.receive(50).isPresent()) {
            // discard retransmissions of the previous answer
        }
    }
}
