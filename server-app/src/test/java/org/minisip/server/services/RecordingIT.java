package org.minisip.server.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.media.testing.ToneAnalysis;
import org.minisip.server.PhoneProcess;
import org.minisip.server.TestServer;

/**
 * Call recording: 104 has {@code record: true}, so the server anchors the media (its own SRTP keys per leg) and
 * writes {@code recordings/<date>/<call-id>.wav}. The caller sends 1000 Hz in 20 ms packets, 104 sends 440 Hz in
 * 40 ms packets. Each phone must still hear the other, and the recording must hold both tones, mixed, without
 * gaps.
 */
class RecordingIT {
    @TempDir
    static Path tmp;
    private static Path tone440;
    private static Path tone1000;

    @BeforeAll
    static void tones() throws Exception {
        tone440 = tmp.resolve("tone440.wav");
        tone1000 = tmp.resolve("tone1000.wav");
        ToneAnalysis.writeTone(tone440, 440, 8000, 5);
        ToneAnalysis.writeTone(tone1000, 1000, 8000, 5);
    }

    @Test
    void recordedCallWithPtime20Versus40HasBothTonesAndNoGaps() throws Exception {
        Path calleeHeard = tmp.resolve("callee-heard.wav");
        Path callerHeard = tmp.resolve("caller-heard.wav");
        try (TestServer s = TestServer.start(null, Map.of("104", "record: true"));
             PhoneProcess callee = PhoneProcess.start(tmp.resolve("104.log"), ForwardingIT.account(s, "104",
                     "--auto-answer", "--ptime", "40", "--srtp", "mandatory", "--play", tone440.toString(),
                     "--record", calleeHeard.toString()))) {
            callee.await("registered ", Duration.ofSeconds(20));
            try (PhoneProcess caller = PhoneProcess.start(tmp.resolve("100.log"), ForwardingIT.account(s, "100",
                    "--call", "104", "--ptime", "20", "--duration", "5", "--play", tone1000.toString(),
                    "--record", callerHeard.toString()))) {
                assertThat(caller.await("answered ", Duration.ofSeconds(20))).endsWith("srtp=yes");
                assertThat(caller.waitForExit(Duration.ofSeconds(30))).isZero();
            }
            callee.await("ended ", Duration.ofSeconds(10));
            assertThat(ToneAnalysis.dominantFrequency(callerHeard)).as("caller hears 104 through the anchor")
                    .isCloseTo(440, offset(15.0));
            assertThat(ToneAnalysis.dominantFrequency(calleeHeard)).as("104 hears the caller through the anchor")
                    .isCloseTo(1000, offset(15.0));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> s.cdrRows().contains("recording="));
            Path wav = RecordingAnalysis.onlyRecording(s.dataDir);
            assertThat(s.cdrRows()).contains(",100,104,").contains("recording=" + wav);
            assertThat(wav.getParent().getFileName().toString()).matches("\\d{4}-\\d{2}-\\d{2}");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> java.nio.file.Files.size(wav) > 44 + 2 * 8000 * 3);
            RecordingAnalysis rec = new RecordingAnalysis(wav);
            assertThat(rec.seconds()).as("recording length").isBetween(3.5, 8.0);
            // each phone plays its tone at half full scale (16384): a second of it after G.711 and the mix stays
            // far above 6000 (the whole-file average also counts each phone's start-up, so it is not used here)
            assertThat(rec.maxWindowAmplitude(440)).as("440 Hz from 104 in the recording").isGreaterThan(6000);
            assertThat(rec.maxWindowAmplitude(1000)).as("1000 Hz from the caller in the recording").isGreaterThan(6000);
            assertThat(rec.toneAmplitude(700)).as("no tone where none was played").isLessThan(1000);
            assertThat(rec.longestInnerSilenceMs(500)).as("longest silence inside the recording, ms")
                    .isLessThanOrEqualTo(60);
        }
    }
}
