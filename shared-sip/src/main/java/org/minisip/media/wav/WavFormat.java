package org.minisip.media.wav;

/**
 * The PCM layout of a RIFF/WAVE file ({@code fmt } chunk, WAVE_FORMAT_PCM).
 *
 * @param sampleRate samples per second per channel
 * @param channels number of interleaved channels
 * @param bitsPerSample 8 (unsigned) or 16 (signed little-endian)
 */
public record WavFormat(int sampleRate, int channels, int bitsPerSample) {

    /** 16-bit mono at the given rate: what {@link WavWriter} produces. */
    public static WavFormat mono16(int sampleRate) {
        return new WavFormat(sampleRate, 1, 16);
    }

    /** Bytes per sample frame (all channels). */
    public int blockAlign() {
        return channels * bitsPerSample / 8;
    }

    /** Bytes per second. */
    public int byteRate() {
        return sampleRate * blockAlign();
    }
}
