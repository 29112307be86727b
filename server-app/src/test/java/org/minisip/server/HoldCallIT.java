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
 * Hold and resume through our server with the headless CLI ({@code --hold-at}, {@code --resume-at}): the server
 * relays the re-INVITEs between the legs, both phones print the hold state lines, each recording has one long
 * silence (the hold) with the other side's tone before it and again after it (FFT), and the call ends normally.
 */
class HoldCallIT {
    private static TestServer server;
    @TempDir
    static Path tmp;
    private static Path tone440;
    private static Path tone1000;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(null);
        tone440 = tmp.resolve("tone440.wav");
        tone1000 = tmp.resolve("tone1000.wav");
        ToneAnalysis.writeTone(tone440, 440, 8000, 5);
        ToneAnalysis.writeTone(tone1000, 1000, 16000, 5);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void callerHoldsAndResumesThroughTheServer() throws Exception {
        Path calleeRec = tmp.resolve("callee.wav");
        Path callerRec = tmp.resolve("caller.wav");
        try (PhoneProcess callee = PhoneProcess.start(tmp.resolve("callee.log"), CallIT.concat(account("101"),
                "--auto-answer", "--play", tone440.toString(), "--record", calleeRec.toString()))) {
            callee.await("registered ", Duration.ofSeconds(20));
            try (PhoneProcess caller = PhoneProcess.start(tmp.resolve("caller.log"), CallIT.concat(account("100"),
                    "--call", "101", "--hold-at", "3", "--resume-at", "6", "--duration", "9",
                    "--play", tone1000.toString(), "--record", callerRec.toString()))) {
                caller.await("answered ", Duration.ofSeconds(20));
                caller.await("local-hold", Duration.ofSeconds(10));
                callee.await("hold", Duration.ofSeconds(10));
                caller.await("local-resume", Duration.ofSeconds(10));
                callee.await("resumed", Duration.ofSeconds(10));
                assertThat(caller.waitForExit(Duration.ofSeconds(30))).as("caller exit; %s", caller.stderr()).isZero();
                callee.await("ended remote-hangup", Duration.ofSeconds(10));
                assertThat(callee.waitForExit(Duration.ofSeconds(10))).isZero();
            }
        }
        for (Object[] side : new Object[][] {{calleeRec, 1000.0}, {callerRec, 440.0}}) {
            Path rec = (Path) side[0];
            double hz = (double) side[1];
            double length = ToneAnalysis.seconds(rec);
            // the hold is the one long silence (3 s asked for); tone before it and again after the resume
            double[] held = ToneAnalysis.longestSilence(rec, 50);
            assertThat(held[1] - held[0]).as("%s: silence while held %s", rec, java.util.Arrays.toString(held))
                    .isBetween(2.0, 4.0);
            Path before = ToneAnalysis.slice(rec, tmp.resolve("before-" + rec.getFileName()), 0, held[0]);
            Path after = ToneAnalysis.slice(rec, tmp.resolve("after-" + rec.getFileName()), held[1] + 0.2, length);
            assertThat(ToneAnalysis.seconds(before)).as("%s before hold", rec).isGreaterThan(0.3);
            assertThat(ToneAnalysis.seconds(after)).as("%s after resume", rec).isGreaterThan(1.0);
            assertThat(ToneAnalysis.dominantFrequency(before)).as("%s before hold", rec).isCloseTo(hz, offset(15.0));
            assertThat(ToneAnalysis.dominantFrequency(after)).as("%s after resume", rec).isCloseTo(hz, offset(15.0));
        }
    }

    private static String[] account(String ext) {
        return new String[] {"--account", "sip:" + ext + "@127.0.0.1:" + server.port(Transport.UDP),
            "--password", "pw-" + ext};
    }
}
