package org.minisip.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.minisip.media.testing.ToneAnalysis;

/**
 * Wideband codecs and DTMF with baresip (Debian's baresip-core, modules {@code opus} and {@code g722}): baresip
 * registers to our server and auto-answers; our headless phone calls it offering only the codec under test, sends
 * DTMF after answer, and both sides play a tone the other side must hear (FFT). baresip logs the digits it got.
 */
@Tag("interop")
class BaresipCodecInteropIT {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} dtmf={1}")
    @CsvSource({"opus, rfc4733, 48000", "g722, rfc4733, 16000", "pcmu, info, 8000", "pcmu, rfc4733, 8000"})
    void ourPhoneCallsBaresip(String codec, String dtmfMode, int rate) throws Exception {
        String baresip = Netns.requireTool("baresip");
        Path tone440 = tmp.resolve("tone440.wav");
        Path tone3000 = tmp.resolve("tone3000.wav");
        int bareRate = rate > 8000 ? 16000 : 8000; // baresip's aufile wants the file at its ausrc_srate
        ToneAnalysis.writeTone(tone440, 440, bareRate, 10);
        // above 4 kHz only for wideband codecs: proves the audio really is wideband end to end
        double ourHz = rate > 8000 ? 5000 : 3000;
        ToneAnalysis.writeTone(tone3000, ourHz, 16000, 10);
        Path bareRec = tmp.resolve("baresip-rec");
        Path ourRec = tmp.resolve("phone-rec.wav");
        try (Netns ns = Netns.create()) {
            Path serverDir = tmp.resolve("server");
            ServerProcess.start(ns, serverDir, "127.0.0.1");
            Path conf = Baresip.config(tmp.resolve("baresip"),
                    "<sip:101@127.0.0.1>;auth_pass=pw-101;outbound=\"sip:127.0.0.1:5060\";answermode=auto;"
                            + "regint=120",
                    "127.0.0.1:7060", tone440, bareRec, bareRate);
            Path bareLog = tmp.resolve("baresip.log");
            Process bare = ns.start(bareLog, conf, baresip, "-f", conf.toString(), "-t", "40");
            ServerProcess.waitForLine(bareLog, "200 OK", Duration.ofSeconds(20), bare);

            Path phoneLog = tmp.resolve("phone.log");
            Process phone = ns.start(phoneLog, tmp, Jars.java(), "-jar", Jars.phone().toString(), "--headless",
                    "--account", "sip:100@127.0.0.1:5060", "--password", "pw-100", "--srtp", "off",
                    "--codecs", codec, "--dtmf", "159#", "--dtmf-mode", dtmfMode,
                    "--call", "101", "--play", tone3000.toString(), "--record", ourRec.toString(),
                    "--duration", "5");
            assertThat(phone.waitFor(40, TimeUnit.SECONDS)).as("phone finished").isTrue();
            String out = Files.readString(phoneLog);
            String bareOut = Files.readString(bareLog);
            assertThat(phone.exitValue()).as("phone exit; output:\n%s\nbaresip:\n%s", out, bareOut).isZero();
            assertThat(out).contains("answered " + codec.toUpperCase(java.util.Locale.ROOT) + " srtp=no");
            bare.destroy();
            bare.waitFor(10, TimeUnit.SECONDS);
            bareOut = Files.readString(bareLog);

            assertThat(ToneAnalysis.dominantFrequency(ourRec)).as("our phone heard baresip's 440 Hz")
                    .isCloseTo(440, Offset.offset(15.0));
            Path bareHeard = Baresip.decodedRecording(bareRec);
            assertThat(ToneAnalysis.dominantFrequency(bareHeard)).as("baresip heard our %s Hz; log:\n%s", ourHz,
                    bareOut).isCloseTo(ourHz, Offset.offset(15.0));
            assertThat(BaresipDtmf.digits(bareOut)).as("digits baresip received; log:\n%s", bareOut)
                    .isEqualTo("159#");
        }
    }
}
