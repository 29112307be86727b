package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.media.testing.ToneAnalysis;
import org.minisip.sip.stack.Transport;

/**
 * One server bound to {@code ::} (all IPv6 and IPv4 addresses, the default when the host has IPv6): two headless
 * phones registered as {@code sip:EXT@[::1]:PORT} call over IPv6 (SDP {@code c=IN IP6 ::1}), two others registered
 * as {@code sip:EXT@127.0.0.1:PORT} call over IPv4 (UDP, then TCP) through the same listening points, and in each
 * call both sides hear the other's tone (FFT).
 */
class Ipv6CallIT {
    private static TestServer server;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.startBound("::");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void twoPhonesCallOverIpv6Loopback() throws Exception {
        call("[::1]", "100", "101", Transport.UDP);
    }

    @Test
    void twoPhonesCallOverIpv4LoopbackOnTheSameDualStackServer() throws Exception {
        call("127.0.0.1", "102", "103", Transport.UDP);
    }

    @Test
    void twoPhonesCallOverIpv4TcpOnTheSameDualStackServer() throws Exception {
        call("127.0.0.1", "104", "100", Transport.TCP);
    }

    private void call(String host, String from, String to, Transport transport) throws Exception {
        Path tone440 = tmp.resolve("tone440.wav");
        Path tone1000 = tmp.resolve("tone1000.wav");
        ToneAnalysis.writeTone(tone440, 440, 8000, 5);
        ToneAnalysis.writeTone(tone1000, 1000, 8000, 5);
        Path calleeRec = tmp.resolve("callee-" + to + ".wav");
        Path callerRec = tmp.resolve("caller-" + from + ".wav");
        try (PhoneProcess callee = PhoneProcess.start(tmp.resolve("callee-" + to + ".log"), CallIT.concat(account(host, to, transport),
                "--auto-answer", "--play", tone440.toString(), "--record", calleeRec.toString()))) {
            assertThat(callee.await("registered ", Duration.ofSeconds(45))).contains("@" + host + " ");
            try (PhoneProcess caller = PhoneProcess.start(tmp.resolve("caller-" + from + ".log"), CallIT.concat(account(host, from, transport),
                    "--call", to, "--duration", "3", "--play", tone1000.toString(),
                    "--record", callerRec.toString()))) {
                caller.await("answered ", Duration.ofSeconds(30));
                assertThat(caller.waitForExit(Duration.ofSeconds(30))).as("caller exit; %s", caller.stderr()).isZero();
                callee.await("ended ", Duration.ofSeconds(10));
            }
        }
        assertThat(ToneAnalysis.dominantFrequency(calleeRec)).isCloseTo(1000, offset(15.0));
        assertThat(ToneAnalysis.dominantFrequency(callerRec)).isCloseTo(440, offset(15.0));
    }

    private static String[] account(String host, String ext, Transport transport) {
        return new String[] {"--account", "sip:" + ext + "@" + host + ":" + server.port(transport)
            + (transport == Transport.TCP ? ";transport=tcp" : ""),
            "--password", "pw-" + ext};
    }
}
