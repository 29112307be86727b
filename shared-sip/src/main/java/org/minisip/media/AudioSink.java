package org.minisip.media;

/**
 * A push consumer of 16-bit linear mono PCM.
 *
 * <p>{@link #write} is called from a single media thread (the playout thread); {@link #close}
 * may be called from another thread and must be safe against a concurrent write. The caller
 * owns {@code pcm}; implementations must copy what they keep.
 */
public interface AudioSink {

    /** Sample rate the sink expects in Hz. */
    int sampleRate();

    /** Consumes {@code pcm[0..samples)}. */
    void write(short[] pcm, int samples);

    /** Releases resources; later writes are ignored. Idempotent. */
    void close();
}
