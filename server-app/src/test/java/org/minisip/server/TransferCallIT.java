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
 * Blind transfer through our server with three headless phones: 100 calls 101; 101 transfers the call to 102
 * ({@code --at 2:transfer 102}); the server relays REFER and the NOTIFYs between the legs; 100 calls 102, 101's
 * call ends as transferred, and 100 and 102 hear each other's tones (FFT).
 */
class TransferCallIT {
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
    void calleeTransfersTheCallerToAThirdPhone() throws Exception {
        Path tone440 = tmp.resolve("tone440.wav");
        Path tone1000 = tmp.resolve("tone1000.wav");
        Path tone700 = tmp.resolve("tone700.wav");
        ToneAnalysis.writeTone(tone440, 440, 8000, 5);
        ToneAnalysis.writeTone(tone1000, 1000, 8000, 5);
        ToneAnalysis.writeTone(tone700, 700, 8000, 5);
        Path aliceRec = tmp.resolve("alice.wav");
        Path carolRec = tmp.resolve("carol.wav");
        try (PhoneProcess bob = PhoneProcess.start(tmp.resolve("bob.log"), CallIT.concat(account("101"),
                "--auto-answer", "--play", tone700.toString(), "--at", "2:transfer 102"));
             PhoneProcess carol = PhoneProcess.start(tmp.resolve("carol.log"), CallIT.concat(account("102"),
                "--auto-answer", "--play", tone1000.toString(), "--record", carolRec.toString()))) {
            bob.await("registered ", Duration.ofSeconds(45));
            carol.await("registered ", Duration.ofSeconds(45));
            try (PhoneProcess alice = PhoneProcess.start(tmp.resolve("alice.log"), CallIT.concat(account("100"),
                    "--call", "101", "--duration", "4", "--play", tone440.toString(),
                    "--record", aliceRec.toString()))) {
                alice.await("answered ", Duration.ofSeconds(30));
                bob.await("answered ", Duration.ofSeconds(10));
                assertThat(alice.await("referred ", Duration.ofSeconds(10))).startsWith("referred sip:102@");
                carol.await("incoming ", Duration.ofSeconds(15));
                alice.await("answered ", Duration.ofSeconds(15));
                assertThat(bob.await("transfer 200", Duration.ofSeconds(15))).isEqualTo("transfer 200 OK");
                // the relayed 202 and the first NOTIFY (100 Trying) may reach bob in either order (RFC 3515 §2.4.4)
                assertThat(bob.stdout()).anyMatch(l -> l.startsWith("transfer 202"));
                assertThat(bob.await("ended ", Duration.ofSeconds(10))).isEqualTo("ended transferred");
                assertThat(bob.waitForExit(Duration.ofSeconds(15))).isZero();
                assertThat(alice.waitForExit(Duration.ofSeconds(30))).as("alice exit; %s", alice.stderr()).isZero();
                assertThat(carol.await("ended ", Duration.ofSeconds(10))).isEqualTo("ended remote-hangup");
                assertThat(carol.waitForExit(Duration.ofSeconds(10))).isZero();
            }
        }
        // alice's recording is of her last call (the one with carol)
        assertThat(ToneAnalysis.dominantFrequency(aliceRec)).as("alice heard carol").isCloseTo(1000, offset(15.0));
        assertThat(ToneAnalysis.dominantFrequency(carolRec)).as("carol heard alice").isCloseTo(440, offset(15.0));
    }

    private static String[] account(String ext) {
        return new String[] {"--account", "sip:" + ext + "@127.0.0.1:" + server.port(Transport.UDP),
            "--password", "pw-" + ext};
    }
}
