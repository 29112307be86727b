package org.minisip.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.media.ToneSource;
import org.minisip.media.testing.ToneAnalysis;
import org.minisip.media.wav.WavWriter;

/**
 * G.722 and Opus round trips: 20 ms frames through a fresh stream instance each way; the decoded audio keeps the
 * tone's frequency, including one above 4 kHz that narrowband G.711 cannot carry, with a good signal-to-noise
 * ratio once the codec has settled. Opus's PLC continues the tone for a lost frame.
 */
class WidebandCodecsTest {
    @TempDir
    Path dir;

    /** Encodes and decodes {@code seconds} of a tone in 20 ms frames; returns the decoded PCM. */
    private static short[] roundTrip(AudioCodec proto, double hz, double seconds, int[] bytesPerFrame) {
        AudioCodec enc = proto.newStream();
        AudioCodec dec = proto.newStream();
        int rate = proto.sampleRate();
        int frame = rate / 50;
        int frames = (int) (seconds * 50);
        ToneSource tone = new ToneSource(hz, rate, 0.3);
        short[] in = new short[frame];
        byte[] payload = new byte[1500];
        short[] out = new short[frame * frames];
        for (int f = 0; f < frames; f++) {
            tone.read(in, frame);
            int n = enc.encode(in, 0, frame, payload, 0);
            bytesPerFrame[0] = n;
            assertThat(dec.samplesIn(payload, 0, n)).isEqualTo(frame);
            assertThat(dec.decode(payload, 0, n, out, f * frame)).isEqualTo(frame);
        }
        return out;
    }

    private Path wav(String name, short[] pcm, int rate) throws Exception {
        Path p = dir.resolve(name);
        try (WavWriter w = new WavWriter(p, rate)) {
            w.write(pcm, 0, pcm.length);
        }
        return p;
    }

    @Test
    void g722CarriesWidebandTonesAt64kbits() throws Exception {
        AudioCodec g722 = CodecRegistry.defaults().byName("g722").orElseThrow();
        assertThat(g722.payloadType()).isEqualTo(9);
        assertThat(g722.clockRate()).isEqualTo(8000);
        assertThat(g722.sampleRate()).isEqualTo(16000);
        for (double hz : new double[] {440, 1000, 5000}) {
            int[] bytes = new int[1];
            short[] out = roundTrip(g722, hz, 1.5, bytes);
            assertThat(bytes[0]).as("64 kbit/s: 160 bytes per 20 ms").isEqualTo(160);
            Path p = wav("g722-" + (int) hz + ".wav", out, 16000);
            assertThat(ToneAnalysis.dominantFrequency(p)).as("%s Hz", hz).isCloseTo(hz, within(10.0));
            assertThat(snrDb(out, hz, 16000)).as("SNR at %s Hz", hz).isGreaterThan(20);
        }
    }

    @Test
    void opusCarriesFullbandTonesAndConcealsALostFrame() throws Exception {
        AudioCodec opus = CodecRegistry.defaults().byName("OPUS").orElseThrow();
        assertThat(opus.sampleRate()).isEqualTo(48000);
        assertThat(opus.sdpChannels()).isEqualTo(2);
        for (double hz : new double[] {440, 1000, 6000}) {
            int[] bytes = new int[1];
            short[] out = roundTrip(opus, hz, 1.5, bytes);
            assertThat(bytes[0]).as("about 32 kbit/s").isBetween(20, 200);
            Path p = wav("opus-" + (int) hz + ".wav", out, 48000);
            assertThat(ToneAnalysis.dominantFrequency(p)).as("%s Hz", hz).isCloseTo(hz, within(10.0));
        }
        // PLC: after real frames, a concealed frame is not silence
        AudioCodec enc = opus.newStream();
        AudioCodec dec = opus.newStream();
        ToneSource tone = new ToneSource(500, 48000, 0.3);
        short[] in = new short[960];
        byte[] payload = new byte[1500];
        short[] out = new short[960];
        for (int f = 0; f < 25; f++) {
            tone.read(in, 960);
            dec.decode(payload, 0, enc.encode(in, 0, 960, payload, 0), out, 0);
        }
        assertThat(dec.hasPlc()).isTrue();
        assertThat(dec.conceal(out, 0, 960)).isEqualTo(960);
        double rms = 0;
        for (short s : out) {
            rms += (double) s * s;
        }
        assertThat(Math.sqrt(rms / 960)).isGreaterThan(500);
    }

    @Test
    void streamsAreIndependent() {
        AudioCodec g722 = G722.prototype();
        assertThat(g722.newStream()).isNotSameAs(g722.newStream());
        assertThat(G711.pcmu().newStream()).isSameAs(G711.pcmu());
    }

    /** Signal-to-noise ratio of the second half against the best-fitting sine at {@code hz} (phase and gain). */
    private static double snrDb(short[] x, double hz, int rate) {
        int from = x.length / 2;
        double sc = 0;
        double cc = 0;
        double ss = 0;
        double xs = 0;
        double xc = 0;
        for (int i = from; i < x.length; i++) {
            double s = Math.sin(2 * Math.PI * hz * i / rate);
            double c = Math.cos(2 * Math.PI * hz * i / rate);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            xs += x[i] * s;
            xc += x[i] * c;
        }
        double det = ss * cc - sc * sc;
        double a = (xs * cc - xc * sc) / det;
        double b = (xc * ss - xs * sc) / det;
        double sig = 0;
        double noise = 0;
        for (int i = from; i < x.length; i++) {
            double fit = a * Math.sin(2 * Math.PI * hz * i / rate) + b * Math.cos(2 * Math.PI * hz * i / rate);
            sig += fit * fit;
            noise += (x[i] - fit) * (x[i] - fit);
        }
        return 10 * Math.log10(sig / Math.max(1e-9, noise));
    }
}
