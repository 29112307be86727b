package org.minisip.media.rtp;

/**
 * The most recent decoded audio of a stream and its pitch, for packet-loss concealment by pitch-period repetition
 * (the idea of ITU-T G.711 Appendix I): repeating the last period of voiced speech continues the waveform without
 * the buzz of repeating a whole 20 ms frame. The period is found by normalised autocorrelation over lags of 2.5 to
 * 15 ms; for unvoiced or noisy audio (correlation below 0.3) the last 10 ms are repeated instead.
 *
 * <p>Not thread-safe: owned by a {@link JitterBuffer} under its lock. No allocation after construction.
 */
final class PitchHistory {
    private static final double VOICED = 0.3;
    private final short[] buf;
    private int len;
    private int cachedPeriod = -1;

    PitchHistory(int capacity) {
        buf = new short[capacity];
    }

    boolean isEmpty() {
        return len == 0;
    }

    /** Appends decoded audio, keeping the newest {@code capacity} samples. */
    void push(short[] pcm, int n) {
        if (n >= buf.length) {
            System.arraycopy(pcm, n - buf.length, buf, 0, buf.length);
            len = buf.length;
        } else {
            int keep = Math.min(len, buf.length - n);
            System.arraycopy(buf, len - keep, buf, 0, keep);
            System.arraycopy(pcm, 0, buf, keep, n);
            len = keep + n;
        }
        cachedPeriod = -1;
    }

    /**
     * Copies the last pitch period (or the last 10 ms when unvoiced) into {@code out[0..)}.
     *
     * @return the number of samples written
     */
    int lastPitchPeriod(short[] out, int rate) {
        if (cachedPeriod < 0) {
            cachedPeriod = period(rate);
        }
        int p = Math.min(cachedPeriod, Math.min(len, out.length));
        System.arraycopy(buf, len - p, out, 0, p);
        return p;
    }

    /** Pitch period in samples by normalised autocorrelation of the last 20 ms; 10 ms when unvoiced. */
    int period(int rate) {
        int minLag = Math.max(1, rate / 400);
        int maxLag = rate * 15 / 1000;
        int win = rate / 50;
        int fallback = Math.max(1, Math.min(len, rate / 100));
        if (len < win + maxLag) {
            return fallback;
        }
        int end = len;
        int start = end - win;
        double e0 = energy(start, win);
        if (e0 <= 0) {
            return fallback;
        }
        double best = VOICED;
        int bestLag = -1;
        for (int lag = minLag; lag <= maxLag; lag++) {
            double c = 0;
            for (int i = start; i < end; i++) {
                c += (double) buf[i] * buf[i - lag];
            }
            double el = energy(start - lag, win);
            if (el <= 0) {
                continue;
            }
            double r = c / Math.sqrt(e0 * el);
            if (r > best) {
                best = r;
                bestLag = lag;
            }
        }
        if (bestLag < 0) {
            return fallback;
        }
        // prefer the fundamental over a multiple when a shorter lag is nearly as good
        for (int div = 4; div >= 2; div--) {
            int lag = bestLag / div;
            if (lag >= minLag && correlation(lag, start, end) > 0.9 * best) {
                return lag;
            }
        }
        return bestLag;
    }

    private double correlation(int lag, int start, int end) {
        double c = 0;
        for (int i = start; i < end; i++) {
            c += (double) buf[i] * buf[i - lag];
        }
        double d = Math.sqrt(energy(start, end - start) * energy(start - lag, end - start));
        return d <= 0 ? 0 : c / d;
    }

    private double energy(int off, int n) {
        double e = 0;
        for (int i = off; i < off + n; i++) {
            e += (double) buf[i] * buf[i];
        }
        return e;
    }
}
