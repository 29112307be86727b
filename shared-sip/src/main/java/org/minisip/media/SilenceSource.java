package org.minisip.media;

import java.util.Arrays;

/** An endless source of digital silence. Stateless and thread-safe. */
public final class SilenceSource implements AudioSource {

    private final int sampleRate;

    /** Silence at 8000 Hz. */
    public SilenceSource() {
        this(8000);
    }

    /** Silence at the given rate. */
    public SilenceSource(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public void read(short[] frame, int samples) {
        Arrays.fill(frame, 0, samples, (short) 0);
    }
}
