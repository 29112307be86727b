package org.minisip.server.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.minisip.media.wav.WavReader;

/** Checks on a server recording: how strong a tone is, and the longest silence inside it. */
public final class RecordingAnalysis {
    private final short[] x;
    private final int rate;

    public RecordingAnalysis(Path wav) throws IOException {
        WavReader r = WavReader.read(wav);
        this.x = r.samples();
        this.rate = r.sampleRate();
    }

    static Path onlyRecording(Path dataDir) throws IOException {
        try (Stream<Path> s = Files.walk(dataDir.resolve("recordings"))) {
            java.util.List<Path> wavs = s.filter(p -> p.toString().endsWith(".wav")).toList();
            if (wavs.size() != 1) {
                throw new AssertionError("expected one recording, found " + wavs);
            }
            return wavs.get(0);
        }
    }

    double seconds() {
        return (double) x.length / rate;
    }

    /** Amplitude (full scale 32767) of the sine at {@code hz}, from a Goertzel over the whole file. */
    public double toneAmplitude(double hz) {
        return amplitude(hz, 0, x.length);
    }

    /** The largest amplitude of the sine at {@code hz} in any one-second window (steps of 250 ms). */
    public double maxWindowAmplitude(double hz) {
        if (x.length <= rate) {
            return toneAmplitude(hz);
        }
        double best = 0;
        for (int start = 0; start + rate <= x.length; start += rate / 4) {
            best = Math.max(best, amplitude(hz, start, rate));
        }
        return best;
    }

    private double amplitude(double hz, int from, int n) {
        if (n <= 0) {
            return 0;
        }
        double w = 2 * Math.PI * hz / rate;
        double c = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < from + n; i++) {
            double s0 = x[i] + c * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - c * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / n;
    }

    /**
     * The longest run of silent 10 ms blocks (RMS below {@code threshold}) between the first and the last
     * non-silent block, in ms: a gap in the middle of the recording.
     */
    int longestInnerSilenceMs(double threshold) {
        int block = rate / 100;
        int blocks = x.length / block;
        boolean[] silent = new boolean[blocks];
        int first = -1;
        int last = -1;
        for (int b = 0; b < blocks; b++) {
            double e = 0;
            for (int i = b * block; i < (b + 1) * block; i++) {
                e += (double) x[i] * x[i];
            }
            silent[b] = Math.sqrt(e / block) < threshold;
            if (!silent[b]) {
                last = b;
                if (first < 0) {
                    first = b;
                }
            }
        }
        int longest = 0;
        int run = 0;
        for (int b = Math.max(0, first); b <= last; b++) {
            run = silent[b] ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest * 10;
    }
}
