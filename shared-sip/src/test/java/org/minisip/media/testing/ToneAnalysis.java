package org.minisip.media.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.minisip.media.ToneSource;
import org.minisip.media.wav.WavReader;
import org.minisip.media.wav.WavWriter;

/**
 * Signal checks on recorded WAV files for media tests (shared with the app modules through the
 * shared-sip test-jar). All methods are static and thread-safe; I/O errors surface as
 * {@link UncheckedIOException} so they can be used inside assertion lambdas.
 */
public final class ToneAnalysis {

    private static final double SKIP_SECONDS = 0.2;

    private ToneAnalysis() {
    }

    /**
     * Dominant frequency in Hz of the loudest one-second window after the first 200 ms (shorter
     * files: whatever remains). Hann-windowed Goertzel sweep in 5 Hz steps from 50 Hz to
     * Nyquist - 50 Hz, refined to 0.5 Hz around the peak. Returns 0 for silence.
     */
    public static double dominantFrequency(Path wav) {
        WavReader r = read(wav);
        short[] x = r.samples();
        int rate = r.sampleRate();
        int skip = (int) Math.min(x.length, Math.round(rate * SKIP_SECONDS));
        int win = Math.min(rate, x.length - skip);
        if (win < rate / 20) {
            return 0;
        }
        int best = skip;
        double bestEnergy = -1;
        for (int start = skip; start + win <= x.length; start += Math.max(1, rate / 10)) {
            double e = energy(x, start, win);
            if (e > bestEnergy) {
                bestEnergy = e;
                best = start;
            }
        }
        if (bestEnergy <= 0) {
            return 0;
        }
        double[] seg = new double[win];
        for (int i = 0; i < win; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (win - 1));
            seg[i] = x[best + i] * w;
        }
        double peakHz = 0;
        double peak = -1;
        for (double f = 50; f <= rate / 2.0 - 50; f += 5) {
            double p = goertzel(seg, rate, f);
            if (p > peak) {
                peak = p;
                peakHz = f;
            }
        }
        double coarse = peakHz;
        for (double f = coarse - 5; f <= coarse + 5; f += 0.5) {
            double p = goertzel(seg, rate, f);
            if (p > peak) {
                peak = p;
                peakHz = f;
            }
        }
        return peakHz;
    }

    /** Root-mean-square level of the whole file, in sample units (full scale 32767). */
    public static double rms(Path wav) {
        short[] x = read(wav).samples();
        return x.length == 0 ? 0 : Math.sqrt(energy(x, 0, x.length) / x.length);
    }

    /**
     * Fraction of 20 ms blocks whose RMS is below {@code threshold}: a measure of how much of a
     * recording is (near) silence.
     */
    public static double silentFraction(Path wav, double threshold) {
        WavReader r = read(wav);
        short[] x = r.samples();
        int block = r.sampleRate() / 50;
        int blocks = x.length / block;
        if (blocks == 0) {
            return 1;
        }
        int silent = 0;
        for (int b = 0; b < blocks; b++) {
            if (Math.sqrt(energy(x, b * block, block) / block) < threshold) {
                silent++;
            }
        }
        return (double) silent / blocks;
    }

    /**
     * Copies the part of {@code wav} between {@code fromSeconds} and {@code toSeconds} (clamped to the file) into
     * {@code out}, so one stretch of a call can be analysed on its own.
     */
    public static Path slice(Path wav, Path out, double fromSeconds, double toSeconds) {
        WavReader r = read(wav);
        short[] x = r.samples();
        int from = (int) Math.min(x.length, Math.max(0, Math.round(fromSeconds * r.sampleRate())));
        int to = (int) Math.min(x.length, Math.max(from, Math.round(toSeconds * r.sampleRate())));
        try (WavWriter w = new WavWriter(out, r.sampleRate())) {
            w.write(x, from, to - from);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The longest stretch of near silence (consecutive 100 ms blocks with RMS below {@code threshold}), as
     * {start, end} in seconds; {0, 0} when there is none. Finds a hold in a recording without relying on timing.
     */
    public static double[] longestSilence(Path wav, double threshold) {
        WavReader r = read(wav);
        short[] x = r.samples();
        int block = r.sampleRate() / 10;
        int bestStart = 0;
        int bestLen = 0;
        int runStart = 0;
        int run = 0;
        for (int b = 0; (b + 1) * block <= x.length; b++) {
            if (Math.sqrt(energy(x, b * block, block) / block) < threshold) {
                if (run++ == 0) {
                    runStart = b;
                }
                if (run > bestLen) {
                    bestLen = run;
                    bestStart = runStart;
                }
            } else {
                run = 0;
            }
        }
        return new double[] {bestStart / 10.0, (bestStart + bestLen) / 10.0};
    }

    /** Length of a WAV file in seconds. */
    public static double seconds(Path wav) {
        WavReader r = read(wav);
        return (double) r.samples().length / r.sampleRate();
    }

    /** Writes a 16-bit mono sine of amplitude 0.5 full scale. */
    public static void writeTone(Path wav, double hz, int sampleRate, double seconds) {
        ToneSource tone = new ToneSource(hz, sampleRate, 0.5);
        int total = (int) Math.round(seconds * sampleRate);
        short[] buf = new short[Math.max(1, sampleRate / 10)];
        try (WavWriter w = new WavWriter(wav, sampleRate)) {
            for (int done = 0; done < total; ) {
                int n = Math.min(buf.length, total - done);
                tone.read(buf, n);
                w.write(buf, 0, n);
                done += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WavReader read(Path wav) {
        try {
            return WavReader.read(wav);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double energy(short[] x, int off, int n) {
        double e = 0;
        for (int i = off; i < off + n; i++) {
            e += (double) x[i] * x[i];
        }
        return e;
    }

    private static double goertzel(double[] x, int rate, double f) {
        double coeff = 2 * Math.cos(2 * Math.PI * f / rate);
        double s1 = 0;
        double s2 = 0;
        for (double v : x) {
            double s = v + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        return s1 * s1 + s2 * s2 - coeff * s1 * s2;
    }
}
