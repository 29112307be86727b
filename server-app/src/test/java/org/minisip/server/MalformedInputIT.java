package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
        try (RawSip sip = new RawSip(server.port(Transport.UDP))) {
            for (Path f : files) {
                sip.send(Files.readAllBytes(f));
                Optional<String> answer = sip.receive(300);
                drain(sip);
                if (INVALID.contains(f.getFileName().toString()) && answer.isPresent()
                        && answer.get().startsWith("SIP/2.0 ")) {
                    assertThat(RawSip.status(answer.get())).as("answer to invalid %s", f.getFileName())
                            .isGreaterThanOrEqualTo(400);
                }
                sip.send(sip.options());
                Optional<String> ok = sip.finalResponse(3000);
                assertThat(ok).as("OPTIONS answered after %s", f.getFileName()).isPresent();
                assertThat(RawSip.status(ok.get())).isEqualTo(200);
            }
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
