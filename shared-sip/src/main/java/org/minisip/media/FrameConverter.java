package org.minisip.media;

import org.minisip.media.wav.Resampler;

/**
 * Converts fixed-duration frames between two sample rates, always returning exactly the
 * requested number of output samples (a small FIFO absorbs the +-1 sample jitter of ratios that
 * do not divide the frame, priming with silence at start).
 *
 * <p>Single-threaded; allocates only when frame sizes grow.
 */
final class FrameConverter {

    private final Resampler resampler;
    private short[] tmp = new short[0];
    private short[] fifo = new short[0];
    private int fifoLen;

    FrameConverter(int inRate, int outRate) {
        this.resampler = new Resampler(inRate, outRate);
    }

    int inRate() {
        return resampler.inRate();
    }

    int outRate() {
        return resampler.outRate();
    }

    /** Converts {@code in[0..n)} and writes exactly {@code want} samples to {@code out}. */
    void convert(short[] in, int n, short[] out, int want) {
        int cap = resampler.outputFor(n) + 2;
        if (tmp.length < cap) {
            tmp = new short[cap];
        }
        int got = resampler.process(in, 0, n, tmp, 0);
        if (fifo.length < fifoLen + got + want) {
            short[] bigger = new short[fifoLen + got + want + 16];
            System.arraycopy(fifo, 0, bigger, 0, fifoLen);
            fifo = bigger;
        }
        System.arraycopy(tmp, 0, fifo, fifoLen, got);
        fifoLen += got;
        if (fifoLen < want) {
            // prime: pad with silence in front
            System.arraycopy(fifo, 0, fifo, want - fifoLen, fifoLen);
            java.util.Arrays.fill(fifo, 0, want - fifoLen, (short) 0);
            fifoLen = want;
        }
        System.arraycopy(fifo, 0, out, 0, want);
        System.arraycopy(fifo, want, fifo, 0, fifoLen - want);
        fifoLen -= want;
    }
}
