package org.minisip.media.wav;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.minisip.media.AudioSource;

/**
 * Plays a WAV file: the whole file is read into memory and resampled once to the target rate at
 * construction; {@link #read} then only copies. After the end it either loops or yields silence.
 *
 * <p>Single reader thread; {@link #exhausted()} may be polled from any thread.
 */
public final class WavFileSource implements AudioSource {

    private final short[] pcm;
    private final int rate;
    private final boolean loop;
    private int pos;
    private volatile boolean exhausted;

    /**
     * @param file a PCM WAV file (see {@link WavReader} for accepted formats)
     * @param targetRate rate of the samples {@link #read} produces
     * @param loop restart at the beginning when the end is reached
     * @throws UncheckedIOException wrapping the {@link IOException} if the file cannot be read
     *     or is not a supported WAV file
     */
    public WavFileSource(Path file, int targetRate, boolean loop) {
        WavReader r;
        try {
            r = WavReader.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.pcm = Resampler.resample(r.samples(), r.sampleRate(), targetRate);
        this.rate = targetRate;
        this.loop = loop;
    }

    @Override
    public int sampleRate() {
        return rate;
    }

    /** Total length in samples at the target rate. */
    public int length() {
        return pcm.length;
    }

    /** True once a non-looping source has delivered its last sample. */
    public boolean exhausted() {
        return exhausted;
    }

    @Override
    public void read(short[] frame, int samples) {
        int i = 0;
        while (i < samples) {
            if (pos >= pcm.length) {
                if (!loop || pcm.length == 0) {
                    exhausted = true;
                    Arrays.fill(frame, i, samples, (short) 0);
                    return;
                }
                pos = 0;
            }
            int k = Math.min(samples - i, pcm.length - pos);
            System.arraycopy(pcm, pos, frame, i, k);
            pos += k;
            i += k;
        }
    }
}
