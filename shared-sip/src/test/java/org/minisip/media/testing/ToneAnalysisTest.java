package org.minisip.media.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.minisip.media.wav.WavWriter;

class ToneAnalysisTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"440,8000", "1000,8000", "3300,8000", "697,16000", "1000,48000"})
    void findsDominantFrequency(double hz, int rate) {
        Path f = dir.resolve("t.wav");
        ToneAnalysis.writeTone(f, hz, rate, 1.5);
        assertThat(ToneAnalysis.dominantFrequency(f)).isCloseTo(hz, within(2.0));
        // amplitude 0.5 full scale sine: RMS = 0.5 * 32767 / sqrt(2)
        assertThat(ToneAnalysis.rms(f)).isCloseTo(0.5 * 32767 / Math.sqrt(2), within(200.0));
        assertThat(ToneAnalysis.silentFraction(f, 500)).isZero();
    }

    @Test
    void silenceHasNoFrequencyAndZeroRms() throws Exception {
        Path f = dir.resolve("s.wav");
        try (WavWriter w = new WavWriter(f, 8000)) {
            w.write(new short[8000], 0, 8000);
        }
        assertThat(ToneAnalysis.dominantFrequency(f)).isZero();
        assertThat(ToneAnalysis.rms(f)).isZero();
        assertThat(ToneAnalysis.silentFraction(f, 100)).isEqualTo(1.0);
    }

    @Test
    void picksLoudestSecond() throws Exception {
        Path f = dir.resolve("mix.wav");
        short[] quiet = new short[8000];
        short[] loud = new short[8000];
        new org.minisip.media.ToneSource(300, 8000, 0.05).read(quiet, 8000);
        new org.minisip.media.ToneSource(2000, 8000, 0.8).read(loud, 8000);
        try (WavWriter w = new WavWriter(f, 8000)) {
            w.write(quiet, 0, 8000);
            w.write(loud, 0, 8000);
        }
        assertThat(ToneAnalysis.dominantFrequency(f)).isCloseTo(2000, within(2.0));
    }
}
