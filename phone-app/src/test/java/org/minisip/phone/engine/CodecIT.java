package org.minisip.phone.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.minisip.media.testing.ToneAnalysis;
import org.minisip.media.wav.WavReader;
import org.minisip.phone.audio.FileAudioBackend;
import org.minisip.sdp.SrtpMode;

/**
 * Calls between two engines with each codec: the media path runs at the codec's rate (recordings are written at
 * it), WAV files at other rates are resampled, wideband codecs carry a tone above 4 kHz that G.711 cannot, and the
 * codec is chosen by the answerer's preference among the offered ones.
 */
class CodecIT {
    @TempDir
    Path dir;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    private TestPhone phone(FileAudioBackend audio, String... codecs) throws Exception {
        TestPhone p = new TestPhone(SrtpMode.OPTIONAL, audio, codecs);
        cleanup.add(p);
        return p;
    }

    @ParameterizedTest(name = "{0}: callee sends {1} Hz")
    @CsvSource({"OPUS, 6000, 48000", "G722, 5000, 16000", "PCMA, 1000, 8000", "PCMU, 3000, 8000"})
    void eachCodecCarriesTonesAtItsOwnRate(String codec, int calleeHz, int rate) throws Exception {
        Path callerTone = dir.resolve("440.wav");
        Path calleeTone = dir.resolve(calleeHz + ".wav");
        ToneAnalysis.writeTone(callerTone, 440, 8000, 3);
        ToneAnalysis.writeTone(calleeTone, calleeHz, 16000, 3);
        Path heardByCaller = dir.resolve("caller-" + codec + ".wav");
        Path heardByCallee = dir.resolve("callee-" + codec + ".wav");
        TestPhone callee = phone(new FileAudioBackend(calleeTone, heardByCallee), "OPUS", "G722", "PCMU", "PCMA");
        TestPhone caller = phone(new FileAudioBackend(callerTone, heardByCaller), codec);

        String id = caller.engine.call(callee.engine.contactUri());
        String inId = callee.await(PhoneEvent.IncomingCall.class).callId();
        callee.engine.answer(inId);
        assertThat(caller.await(PhoneEvent.Answered.class).codec()).isEqualTo(codec);
        callee.await(PhoneEvent.Answered.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> caller.stats(id).packetsReceived() > 75
                && callee.stats(inId).packetsReceived() > 75);
        caller.engine.hangup(id);
        callee.await(PhoneEvent.CallEnded.class);
        caller.await(PhoneEvent.CallEnded.class);

        await().atMost(Duration.ofSeconds(5)).until(() -> WavReader.read(heardByCallee).samples().length > 0);
        assertThat(WavReader.read(heardByCaller).sampleRate()).isEqualTo(rate);
        assertThat(ToneAnalysis.dominantFrequency(heardByCallee)).isCloseTo(440, within(15.0));
        assertThat(ToneAnalysis.dominantFrequency(heardByCaller)).isCloseTo(calleeHz, within(15.0));
    }

    @Test
    void theAnswerersPreferenceWinsAmongOfferedCodecs() throws Exception {
        TestPhone callee = phone(FileAudioBackend.silent(), "G722", "PCMU");
        TestPhone caller = phone(FileAudioBackend.silent(), "PCMU", "OPUS", "G722");
        String id = caller.engine.call(callee.engine.contactUri());
        callee.engine.answer(callee.await(PhoneEvent.IncomingCall.class).callId());
        assertThat(caller.await(PhoneEvent.Answered.class).codec()).isEqualTo("G722");
        caller.engine.hangup(id);
        callee.await(PhoneEvent.CallEnded.class);
    }

    @Test
    void noCommonCodecFailsWith488() throws Exception {
        TestPhone callee = phone(FileAudioBackend.silent(), "OPUS");
        TestPhone caller = phone(FileAudioBackend.silent(), "PCMU", "G722");
        caller.engine.call(callee.engine.contactUri());
        callee.engine.answer(callee.await(PhoneEvent.IncomingCall.class).callId());
        assertThat(caller.await(PhoneEvent.CallFailed.class).status()).isEqualTo(488);
    }
}
