package org.minisip.media;

/** A sink that discards all audio. Stateless and thread-safe. */
public final class NullSink implements AudioSink {

    private final int sampleRate;

    /** A sink at 8000 Hz. */
    public NullSink() {
        this(8000);
    }

    /** A sink at the given rate. */
    public NullSink(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public void write(short[] pcm, int samples) {
        // discarded by design
    }

    @Override
    public void close() {
        // nothing to release
    }
}
