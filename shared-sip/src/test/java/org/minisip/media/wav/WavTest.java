package org.minisip.media.wav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.minisip.media.ToneSource;
import org.minisip.media.testing.ToneAnalysis;

class WavTest {

    @TempDir
    Path dir;

    @Test
    void writeThenReadRoundTrip() throws IOException {
        Path f = dir.resolve("a.wav");
        short[] pcm = new short[12345];
        new ToneSource(440, 16000, 0.7).read(pcm, pcm.length);
        try (WavWriter w = new WavWriter(f, 16000)) {
            w.write(pcm, 0, 5000);
            w.flushHeader();
            w.write(pcm, 5000, pcm.length - 5000);
        }
        assertThat(Files.size(f)).isEqualTo(44 + 2L * pcm.length);
        WavReader r = WavReader.read(f);
        assertThat(r.format()).isEqualTo(new WavFormat(16000, 1, 16));
        assertThat(r.samples()).isEqualTo(pcm);
    }

    @Test
    void readsStereoAnd8BitAndSkipsUnknownChunks() throws IOException {
        // stereo 16-bit: L=1000, R=3000 -> 2000; with a LIST chunk of odd size before data
        ByteBuffer b = header(2, 16, 8000, 8, true);
        b.putShort((short) 1000).putShort((short) 3000).putShort((short) -100).putShort((short) -300);
        WavReader r = WavReader.read(new ByteArrayInputStream(b.array(), 0, b.position()), "s");
        assertThat(r.samples()).containsExactly((short) 2000, (short) -200);
        // 8-bit unsigned mono: 128 -> 0, 255 -> 127*256, 0 -> -32768
        ByteBuffer c = header(1, 8, 8000, 3, false);
        c.put((byte) 128).put((byte) 255).put((byte) 0);
        WavReader r8 = WavReader.read(new ByteArrayInputStream(c.array(), 0, c.position()), "u");
        assertThat(r8.samples()).containsExactly((short) 0, (short) (127 * 256), (short) -32768);
    }

    @Test
    void rejectsUnsupportedFilesClearly() {
        ByteBuffer b = header(1, 24, 8000, 0, false);
        assertThatThrownBy(() -> WavReader.read(new ByteArrayInputStream(b.array(), 0,
                b.position()), "x")).isInstanceOf(IOException.class).hasMessageContaining("24-bit");
        byte[] junk = "RIFF\0\0\0\0AVI LIST".getBytes();
        assertThatThrownBy(() -> WavReader.read(new ByteArrayInputStream(junk), "y"))
                .isInstanceOf(IOException.class).hasMessageContaining("not WAVE");
        assertThatThrownBy(() -> WavReader.read(new ByteArrayInputStream(new byte[3]), "z"))
                .isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @CsvSource({"8000,48000,1000", "48000,8000,1000", "16000,8000,440", "8000,16000,3000",
                "48000,16000,5000", "44100,8000,697"})
    void resamplingKeepsTone(int in, int out, double hz) throws IOException {
        short[] x = new short[in * 2];
        new ToneSource(hz, in, 0.5).read(x, x.length);
        short[] y = Resampler.resample(x, in, out);
        assertThat(y.length).isEqualTo((int) Math.ceil(x.length * (double) out / in));
        Path f = dir.resolve("r.wav");
        try (WavWriter w = new WavWriter(f, out)) {
            w.write(y, 0, y.length);
        }
        assertThat(ToneAnalysis.dominantFrequency(f)).isCloseTo(hz, within(3.0));
        assertThat(ToneAnalysis.rms(f)).isCloseTo(0.5 * 32767 / Math.sqrt(2), within(600.0));
    }

    @Test
    void decimationSuppressesAliasing() {
        // 6 kHz at 48 kHz would alias to 2 kHz at 8 kHz without a low-pass
        short[] x = new short[48000];
        new ToneSource(6000, 48000, 0.8).read(x, x.length);
        short[] y = Resampler.resample(x, 48000, 8000);
        double rms = 0;
        for (int i = 400; i < y.length - 400; i++) {
            rms += (double) y[i] * y[i];
        }
        rms = Math.sqrt(rms / (y.length - 800));
        assertThat(rms).as("alias residue").isLessThan(0.8 * 32767 * 0.001 * 20);
    }

    @Test
    void streamingMatchesFrameSizes() {
        Resampler r = new Resampler(48000, 8000);
        short[] in = new short[960];
        short[] out = new short[200];
        new ToneSource(440, 48000, 0.5).read(in, 960);
        for (int i = 0; i < 10; i++) {
            assertThat(r.process(in, 0, 960, out, 0)).isEqualTo(160);
        }
        Resampler up = new Resampler(8000, 48000);
        short[] big = new short[1000];
        assertThat(up.process(out, 0, 160, big, 0)).isEqualTo(960);
    }

    @Test
    void fileSourceResamplesLoopsAndPadsWithSilence() throws IOException {
        Path f = dir.resolve("src.wav");
        ToneAnalysis.writeTone(f, 1000, 16000, 0.1);
        WavFileSource once = new WavFileSource(f, 8000, false);
        assertThat(once.sampleRate()).isEqualTo(8000);
        assertThat(once.length()).isEqualTo(800);
        short[] buf = new short[1000];
        once.read(buf, 1000);
        assertThat(once.exhausted()).isTrue();
        assertThat(buf[900]).isZero();
        WavFileSource loop = new WavFileSource(f, 8000, true);
        loop.read(buf, 1000);
        assertThat(loop.exhausted()).isFalse();
        assertThat(java.util.Arrays.copyOfRange(buf, 800, 1000))
                .isEqualTo(java.util.Arrays.copyOfRange(buf, 0, 200));
    }

    @Test
    void fileSinkRecordsAndIgnoresWritesAfterClose() throws Exception {
        Path f = dir.resolve("sink.wav");
        WavFileSink sink = new WavFileSink(f, 8000);
        short[] pcm = new short[160];
        new ToneSource(440, 8000, 0.5).read(pcm, 160);
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 500; i++) {
                sink.write(pcm, 160);
            }
        });
        writer.start();
        Thread.sleep(5);
        sink.close();
        writer.join();
        sink.write(pcm, 160);
        WavReader r = WavReader.read(f);
        assertThat((long) r.length()).isEqualTo(sink.samplesWritten());
        assertThat(r.length() % 160).isZero();
        assertThat(sink.errors()).isZero();
    }

    private static ByteBuffer header(int channels, int bits, int rate, int dataLen,
                                     boolean extraChunk) {
        ByteBuffer b = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(0).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels);
        b.putInt(rate).putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8)).putShort((short) bits);
        if (extraChunk) {
            b.put("LIST".getBytes()).putInt(3).put(new byte[] {1, 2, 3, 0});
        }
        b.put("data".getBytes()).putInt(dataLen);
        return b;
    }
}
