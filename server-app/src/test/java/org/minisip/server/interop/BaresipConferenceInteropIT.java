package org.minisip.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.media.testing.ToneAnalysis;
import org.minisip.server.services.RecordingAnalysis;

/**
 * baresip (Debian's baresip-core) as one participant of a conference room: it dials room 800 over TLS with
 * mandatory SRTP (the server terminates it with its own keys), two of our headless phones join over UDP (one with
 * SRTP, one without). Each plays its own tone; by Goertzel, everyone must hear both others and not themselves.
 * Runs inside a test namespace (baresip sends media to its non-loopback address).
 */
@Tag("interop")
class BaresipConferenceInteropIT {
    @TempDir
    Path tmp;

    @Test
    void baresipAndTwoOfOurPhonesHearEachOtherInARoom() throws Exception {
        String baresip = Netns.requireTool("baresip");
        Path tone440 = tmp.resolve("tone440.wav");
        ToneAnalysis.writeTone(tone440, 440, 8000, 30);
        ToneAnalysis.writeTone(tmp.resolve("tone1000.wav"), 1000, 8000, 5);
        ToneAnalysis.writeTone(tmp.resolve("tone1500.wav"), 1500, 8000, 5);
        Path bareRec = tmp.resolve("baresip-rec");
        try (Netns ns = Netns.create()) {
            Path serverDir = tmp.resolve("server");
            ServerProcess.start(ns, serverDir, "127.0.0.1", "conference-rooms:\n  - {number: \"800\"}\n");
            Path conf = Baresip.config(tmp.resolve("baresip"),
                    "<sip:101@127.0.0.1;transport=tls>;auth_pass=pw-101;"
                            + "outbound=\"sip:127.0.0.1:5061;transport=tls\";mediaenc=srtp-mand;regint=120",
                    "127.0.0.1:7060", tone440, bareRec);
            Process a = join(ns, "100", 1000, "--srtp", "mandatory");
            Process b = join(ns, "102", 1500, "--srtp", "off");
            Process bare = null;
            try {
                ServerProcess.waitForLine(log("100"), "answered ", Duration.ofSeconds(60), a);
                ServerProcess.waitForLine(log("102"), "answered ", Duration.ofSeconds(60), b);
                Path bareLog = tmp.resolve("baresip.log");
                bare = ns.start(bareLog, conf, baresip, "-f", conf.toString(), "-t", "60", "-e", "/dial 800");
                ServerProcess.waitForLine(bareLog, "Call established", Duration.ofSeconds(40), bare);
                Thread.sleep(6000); // talk: audio must flow for a while, nothing to poll
            } finally {
                if (bare != null) {
                    bare.destroy();
                    bare.waitFor(10, TimeUnit.SECONDS);
                }
                for (Process p : List.of(a, b)) {
                    p.destroy(); // SIGTERM: the phone sends BYE and finishes its recording
                    p.waitFor(20, TimeUnit.SECONDS);
                }
            }
            String logs = "\nserver:\n" + Files.readString(serverDir.resolve("server.log"));
            RecordingAnalysis heardA = new RecordingAnalysis(tmp.resolve("heard-100.wav"));
            RecordingAnalysis heardB = new RecordingAnalysis(tmp.resolve("heard-102.wav"));
            RecordingAnalysis heardBare = new RecordingAnalysis(Baresip.decodedRecording(bareRec));
            assertThat(heardA.maxWindowAmplitude(440)).as("100 hears baresip" + logs).isGreaterThan(2000);
            assertThat(heardA.maxWindowAmplitude(1500)).as("100 hears 102").isGreaterThan(2000);
            assertThat(heardA.toneAmplitude(1000)).as("100 does not hear itself").isLessThan(200);
            assertThat(heardB.maxWindowAmplitude(440)).as("102 hears baresip").isGreaterThan(2000);
            assertThat(heardB.maxWindowAmplitude(1000)).as("102 hears 100").isGreaterThan(2000);
            assertThat(heardB.toneAmplitude(1500)).as("102 does not hear itself").isLessThan(200);
            assertThat(heardBare.maxWindowAmplitude(1000)).as("baresip hears 100").isGreaterThan(2000);
            assertThat(heardBare.maxWindowAmplitude(1500)).as("baresip hears 102").isGreaterThan(2000);
            assertThat(heardBare.toneAmplitude(440)).as("baresip does not hear itself").isLessThan(200);
        }
    }

    private Path log(String ext) {
        return tmp.resolve("phone-" + ext + ".log");
    }

    private Process join(Netns ns, String ext, int tone, String... extra) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Jars.java(), "-jar", Jars.phone().toString(),
                "--headless", "--account", "sip:" + ext + "@127.0.0.1", "--password", "pw-" + ext, "--call", "800",
                "--play", tmp.resolve("tone" + tone + ".wav").toString(),
                "--record", tmp.resolve("heard-" + ext + ".wav").toString(), "--duration", "90"));
        cmd.addAll(List.of(extra));
        return ns.start(log(ext), tmp, cmd.toArray(String[]::new));
    }
}
