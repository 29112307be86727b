package org.minisip.media.wav;

/**
 * Rational-ratio sample-rate converter (8000, 16000, 48000 Hz and any pair whose ratio reduces
 * to at most 1000/1000) using a polyphase windowed-sinc FIR (Blackman window, 16 zero crossings
 * each side). The cut-off sits at 92% of the lower Nyquist frequency, so decimation suppresses
 * aliasing by more than 60 dB beyond the stop band; each phase is normalised to unity DC gain.
 *
 * <p>Two uses: {@link #resample(short[], int, int)} converts a whole signal with zero delay;
 * an instance converts a stream block by block ({@link #process}), keeping history between
 * calls, with a fixed group delay of {@link #delayInputSamples()} input samples. A streaming
 * instance is single-threaded and only allocates when a block larger than any earlier one
 * arrives.
 */
public final class Resampler {

    private static final int ZERO_CROSSINGS = 16;

    private final int inRate;
    private final int outRate;
    private final int up;
    private final int down;
    private final int half;
    private final float[][] coeffs;

    private short[] buf;
    private int bufLen;
    private long pos;

    /** A streaming converter from {@code inRate} to {@code outRate}. */
    public Resampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("rates must be positive");
        }
        int g = gcd(inRate, outRate);
        this.inRate = inRate;
        this.outRate = outRate;
        this.up = outRate / g;
        this.down = inRate / g;
        if (up > 1000 || down > 1000) {
            throw new IllegalArgumentException("rate ratio " + inRate + ":" + outRate
                    + " too complex");
        }
        double fc = 0.5 * Math.min(1.0, (double) up / down) * 0.92;
        this.half = (int) Math.ceil(ZERO_CROSSINGS / (2 * fc));
        this.coeffs = design(up, half, fc);
        this.buf = new short[4 * half + 1024];
        this.bufLen = 2 * half - 1;
        this.pos = (long) (half - 1) * up;
    }

    /** Input rate in Hz. */
    public int inRate() {
        return inRate;
    }

    /** Output rate in Hz. */
    public int outRate() {
        return outRate;
    }

    /** Group delay of the streaming path, in input samples. */
    public int delayInputSamples() {
        return half;
    }

    /**
     * Number of output samples {@link #process} produces for {@code inSamples} input samples
     * in steady state; exact when {@code inSamples} is a multiple of {@code inRate/gcd}.
     */
    public int outputFor(int inSamples) {
        return (int) ((long) inSamples * up / down);
    }

    /**
     * Converts the next block of a stream.
     *
     * @param out must hold at least {@code outputFor(n) + 1} samples
     * @return number of samples written to {@code out} from {@code outOff}
     */
    public int process(short[] in, int inOff, int n, short[] out, int outOff) {
        if (up == down) {
            System.arraycopy(in, inOff, out, outOff, n);
            return n;
        }
        if (bufLen + n > buf.length) {
            short[] bigger = new short[bufLen + n + 1024];
            System.arraycopy(buf, 0, bigger, 0, bufLen);
            buf = bigger;
        }
        System.arraycopy(in, inOff, buf, bufLen, n);
        bufLen += n;
        int produced = 0;
        while (true) {
            long base = pos / up;
            if (base + half >= bufLen) {
                break;
            }
            out[outOff + produced++] = filter(buf, (int) base, (int) (pos % up), 0, bufLen);
            pos += down;
        }
        int drop = (int) (pos / up) - (half - 1);
        if (drop > 0) {
            System.arraycopy(buf, drop, buf, 0, bufLen - drop);
            bufLen -= drop;
            pos -= (long) drop * up;
        }
        return produced;
    }

    /**
     * Converts a whole signal with no delay; the result has {@code ceil(len * out / in)}
     * samples. Edges are treated as surrounded by silence.
     */
    public static short[] resample(short[] in, int inRate, int outRate) {
        if (inRate == outRate) {
            return in.clone();
        }
        Resampler r = new Resampler(inRate, outRate);
        int n = (int) (((long) in.length * r.up + r.down - 1) / r.down);
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            long p = (long) i * r.down;
            out[i] = r.filter(in, (int) (p / r.up), (int) (p % r.up), 0, in.length);
        }
        return out;
    }

    private short filter(short[] x, int base, int phase, int lo, int hi) {
        float[] h = coeffs[phase];
        int start = base - (half - 1);
        double acc = 0;
        int from = Math.max(0, lo - start);
        int to = Math.min(h.length, hi - start);
        for (int j = from; j < to; j++) {
            acc += h[j] * x[start + j];
        }
        long v = Math.round(acc);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }

    private static float[][] design(int phases, int half, double fc) {
        float[][] c = new float[phases][2 * half];
        double span = half + 1.0;
        for (int p = 0; p < phases; p++) {
            double frac = (double) p / phases;
            double sum = 0;
            double[] tmp = new double[2 * half];
            for (int j = 0; j < 2 * half; j++) {
                double x = frac - (j - (half - 1));
                double s = x == 0 ? 1.0 : Math.sin(2 * Math.PI * fc * x) / (2 * Math.PI * fc * x);
                double w = 0.42 + 0.5 * Math.cos(Math.PI * x / span)
                        + 0.08 * Math.cos(2 * Math.PI * x / span);
                tmp[j] = 2 * fc * s * Math.max(0, w);
                sum += tmp[j];
            }
            for (int j = 0; j < 2 * half; j++) {
                c[p][j] = (float) (tmp[j] / sum);
            }
        }
        return c;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
