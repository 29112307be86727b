package org.minisip.media.codec;

/**
 * One sub-band of the G.722 SB-ADPCM coder (ITU-T G.722 §3.6, §6.2): its quantizer scale factor and the adaptive
 * pole/zero predictor that encoder and decoder both run on the quantized difference signal, so that they stay in
 * step. Blocks are named as in the Recommendation (LOGSCL/SCALEL, UPPOL1/2, UPZERO, FILTEP/FILTEZ, PREDIC).
 *
 * <p>Not thread-safe; one instance per band per direction.
 */
final class G722Band {
    /** Inverse-log table of the scale factor (SCALEL/SCALEH). */
    private static final int[] ILB = {
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008};

    /** Log scale factor (nabla) and its upper limit: 18432 for the low band, 22528 for the high band. */
    private int logScale;
    private final int logScaleMax;
    /** Shift of the scale-factor computation: 8 for the low band, 10 for the high band. */
    private final int scaleShift;
    /** Quantizer scale factor (delta). */
    int det;
    /** Signal estimate (s), pole part (sp) and zero part (sz). */
    int estimate;
    private int zeroPart;
    /** Quantized differences d(n-i), i = 0..6, and the zero-predictor coefficients b1..b6. */
    private final int[] d = new int[7];
    private final int[] b = new int[7];
    /** Reconstructed signal r(n-i) and partial reconstruction p(n-i), i = 0..2; pole coefficients a1, a2. */
    private final int[] r = new int[3];
    private final int[] p = new int[3];
    private final int[] a = new int[3];
    private final int[] bNext = new int[7];

    private G722Band(int initialDet, int logScaleMax, int scaleShift) {
        this.det = initialDet;
        this.logScaleMax = logScaleMax;
        this.scaleShift = scaleShift;
    }

    static G722Band low() {
        return new G722Band(32, 18432, 8);
    }

    static G722Band high() {
        return new G722Band(8, 22528, 10);
    }

    /** LOGSCL/LOGSCH then SCALEL/SCALEH: adapts the scale factor with the log multiplier {@code w}. */
    void adaptScale(int w) {
        logScale = clamp(((logScale * 127) >> 7) + w, 0, logScaleMax);
        int idx = (logScale >> 6) & 31;
        int shift = scaleShift - (logScale >> 11);
        int v = shift < 0 ? ILB[idx] << -shift : ILB[idx] >> shift;
        det = v << 2;
    }

    /**
     * Block 4: reconstructs with the quantized difference {@code dq}, adapts the predictors and computes the next
     * signal estimate.
     */
    void update(int dq) {
        d[0] = dq;
        r[0] = sat(estimate + dq);
        p[0] = sat(zeroPart + dq);

        // UPPOL2: second pole coefficient
        int s0 = p[0] >> 15;
        int s1 = p[1] >> 15;
        int s2 = p[2] >> 15;
        int wd1 = sat(a[1] << 2);
        int wd2 = s0 == s1 ? -wd1 : wd1;
        if (wd2 > 32767) {
            wd2 = 32767;
        }
        int a2 = (wd2 >> 7) + (s0 == s2 ? 128 : -128) + ((a[2] * 32512) >> 15);
        a2 = clamp(a2, -12288, 12288);

        // UPPOL1: first pole coefficient, kept inside the stability triangle
        int a1 = sat((s0 == s1 ? 192 : -192) + ((a[1] * 32640) >> 15));
        int limit = sat(15360 - a2);
        a1 = clamp(a1, -limit, limit);

        // UPZERO: zero coefficients, sign-sign adaptation with leakage
        int step = dq == 0 ? 0 : 128;
        int sd = dq >> 15;
        for (int i = 1; i < 7; i++) {
            int si = d[i] >> 15;
            bNext[i] = sat((si == sd ? step : -step) + ((b[i] * 32640) >> 15));
        }

        // DELAYA
        for (int i = 6; i > 0; i--) {
            d[i] = d[i - 1];
            b[i] = bNext[i];
        }
        r[2] = r[1];
        r[1] = r[0];
        p[2] = p[1];
        p[1] = p[0];
        a[1] = a1;
        a[2] = a2;

        // FILTEP, FILTEZ, PREDIC
        int polePart = sat(((a[1] * sat(r[1] + r[1])) >> 15) + ((a[2] * sat(r[2] + r[2])) >> 15));
        int z = 0;
        for (int i = 6; i > 0; i--) {
            z += (b[i] * sat(d[i] + d[i])) >> 15;
        }
        zeroPart = sat(z);
        estimate = sat(polePart + zeroPart);
    }

    static int sat(int v) {
        return v > Short.MAX_VALUE ? Short.MAX_VALUE : (v < Short.MIN_VALUE ? Short.MIN_VALUE : v);
    }

    static int clamp(int v, int lo, int hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }
}
