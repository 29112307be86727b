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
 * The server bound to {@code ::1} and two headless phones registered as {@code sip:EXT@[::1]:PORT}: the call is set
 * up over IPv6 (SDP {@code c=IN IP6 ::1}) and each side hears the other's tone (FFT).
 */
class Ipv6CallIT {
    private static TestServer server;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.startBound("::1");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void twoPhonesCallOverIpv6Loopback() throws Exception {
        Path tone440 = tmp.resolve("tone440.wav");
        Path tone1000 = tmp.resolve("tone1000.wav");
        ToneAnalysis.writeTone(tone440, 440, 8000, 5);
        ToneAnalysis.writeTone(tone1000, 1000, 8000, 5);
        Path calleeRec = tmp.resolve("callee.wav");
        Path callerRec = tmp.resolve("caller.wav");
        try (PhoneProcess callee = PhoneProcess.start(tmp.resolve("callee.log"), CallIT.concat(account("101"),
                "--auto-answer", "--play", tone440.toString(), "--record", calleeRec.toString()))) {
            assertThat(callee.await("registered ", Duration.ofSeconds(45))).contains("[::1]");
            try (PhoneProcess caller = PhoneProcess.start(tmp.resolve("caller.log"), CallIT.concat(account("100"),
                    "--call", "101", "--duration", "3", "--play", tone1000.toString(),
                    "--record", callerRec.toString()))) {
                caller.await("answered ", Duration.ofSeconds(30));
                assertThat(caller.waitForExit(Duration.ofSeconds(30))).as("caller exit; %s", caller.stderr()).isZero();
                callee.await("ended ", Duration.ofSeconds(10));
            }
        }
        assertThat(ToneAnalysis.dominantFrequency(calleeRec)).isCloseTo(1000, offset(15.0));
        assertThat(ToneAnalysis.dominantFrequency(callerRec)).isCloseTo(440, offset(15.0));
    }

    private static String[] account(String ext) {
        return new String[] {"--account", "sip:" + ext + "@[::1]:" + server.port(Transport.UDP),
            "--password", "pw-" + ext};
    }
}
