package org.minisip.media;

/**
 * A pull source of 16-bit linear mono PCM.
 *
 * <p>Called from a single media thread (the sender); implementations need not be thread-safe
 * unless documented otherwise. The caller owns {@code frame}; implementations must not keep it.
 */
public interface AudioSource {

    /** Sample rate of the produced PCM in Hz. */
    int sampleRate();

    /**
     * Fills {@code frame[0..samples)} with exactly {@code samples} samples; when the source is
     * exhausted the remainder is silence (zeros). Must not block for longer than a frame period.
     */
    void read(short[] frame, int samples);
}
