package org.minisip.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.media.testing.ToneAnalysis;

/**
 * baresip (Debian's baresip-core) registers to our server over TLS with mandatory SDES-SRTP and auto-answers;
 * our headless phone calls it over TLS with SRTP. Each side plays its own tone and the test checks, by FFT, that
 * the other side heard it. Runs inside a test namespace (baresip sends media to its non-loopback address).
 */
@Tag("interop")
class BaresipInteropIT {
    @TempDir
    Path tmp;

    @Test
    void ourPhoneCallsBaresipOverTlsWithSrtpAndBothHearTheOtherTone() throws Exception {
        String baresip = Netns.requireTool("baresip");
        Path tone440 = tmp.resolve("tone440.wav");
        Path tone1000 = tmp.resolve("tone1000.wav");
        ToneAnalysis.writeTone(tone440, 440, 8000, 10);
        ToneAnalysis.writeTone(tone1000, 1000, 8000, 10);
        Path bareRec = tmp.resolve("baresip-rec");
        Path ourRec = tmp.resolve("phone-rec.wav");
        try (Netns ns = Netns.create()) {
            Path serverDir = tmp.resolve("server");
            ServerProcess.start(ns, serverDir, "127.0.0.1");
            Path conf = Baresip.config(tmp.resolve("baresip"),
                    "<sip:101@127.0.0.1;transport=tls>;auth_pass=pw-101;"
                            + "outbound=\"sip:127.0.0.1:5061;transport=tls\";mediaenc=srtp-mand;answermode=auto;"
                            + "regint=120",
                    "127.0.0.1:7060", tone440, bareRec);
            Path bareLog = tmp.resolve("baresip.log");
            Process bare = ns.start(bareLog, conf, baresip, "-f", conf.toString(), "-t", "40");
            ServerProcess.waitForLine(bareLog, "200 OK", Duration.ofSeconds(20), bare);

            Path phoneLog = tmp.resolve("phone.log");
            Process phone = ns.start(phoneLog, tmp, Jars.java(), "-jar", Jars.phone().toString(), "--headless",
                    "--account", "sip:100@127.0.0.1:5061;transport=tls", "--password", "pw-100",
                    "--tls-ca", serverDir.resolve("tls/server.crt").toString(), "--srtp", "mandatory",
                    "--call", "101", "--play", tone1000.toString(), "--record", ourRec.toString(),
                    "--duration", "4");
            assertThat(phone.waitFor(40, TimeUnit.SECONDS)).as("phone finished").isTrue();
            String out = Files.readString(phoneLog);
            assertThat(phone.exitValue()).as("phone exit; output:\n%s\nbaresip:\n%s\nserver:\n%s", out,
                    Files.readString(bareLog), Files.readString(serverDir.resolve("server.log"))).isZero();
            assertThat(out).contains("answered PCMU srtp=yes");
            bare.destroy();
            bare.waitFor(10, TimeUnit.SECONDS);

            assertThat(ToneAnalysis.dominantFrequency(ourRec)).as("our phone heard baresip's 440 Hz")
                    .isCloseTo(440, org.assertj.core.data.Offset.offset(15.0));
            Path bareHeard = Baresip.decodedRecording(bareRec);
            assertThat(ToneAnalysis.dominantFrequency(bareHeard)).as("baresip heard our 1000 Hz")
                    .isCloseTo(1000, org.assertj.core.data.Offset.offset(15.0));
        }
    }
}
