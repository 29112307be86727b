package org.minisip.media.codec;

/**
 * ITU-T G.722 at 64 kbit/s (mode 1): 16 kHz wideband audio split by a 24-tap QMF into a low band coded with 6-bit
 * and a high band coded with 2-bit SB-ADPCM, one byte per pair of input samples. RTP payload type 9 with an RTP
 * clock of 8000 Hz although the audio is sampled at 16000 Hz (RFC 3551 §4.5.2).
 *
 * <p>Stateful: {@link #prototype()} is what the registry holds; each RTP stream uses its own
 * {@link #newStream()} instance, whose encoder and decoder state are separate (encode on one thread, decode on
 * another). No allocation per call.
 */
public final class G722 implements AudioCodec {
    /** QMF coefficients (G.722 Table 11), applied mirrored for the odd taps. */
    private static final int[] QMF = {3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11};
    /** Low-band quantizer decision levels (QUANTL, G.722 Table 6), in units of the scale factor / 4096. */
    private static final int[] Q6 = {
        0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714,
        786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919, 0, 0};
    /** 6-bit low-band codes for negative and positive differences by quantizer interval. */
    private static final int[] ILN = {
        0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19,
        18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 0};
    private static final int[] ILP = {
        0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47,
        46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 0};
    /** Low-band log multipliers, indexed through RL42 by the 4-bit code. */
    private static final int[] WL = {-60, -30, 58, 172, 334, 538, 1198, 3042};
    private static final int[] RL42 = {0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0};
    /** 4-bit inverse quantizer of the low band (used in the predictor loop). */
    private static final int[] QM4 = {
        0, -20456, -12896, -8968, -6288, -4240, -2584, -1200, 20456, 12896, 8968, 6288, 4240, 2584, 1200, 0};
    /** 6-bit inverse quantizer of the low band (decoder output, mode 1). */
    private static final int[] QM6 = {
        -136, -136, -136, -136, -24808, -21904, -19008, -16704, -14984, -13512, -12280, -11192, -10232, -9360,
        -8576, -7856, -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576, -3168, -2776, -2400, -2032, -1688,
        -1360, -1040, -728, 24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192, 10232, 9360, 8576, 7856,
        7192, 6576, 6000, 5456, 4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032, 1688, 1360, 1040, 728, 432, 136,
        -432, -136};
    /** High band: codes, inverse quantizer and log multipliers. */
    private static final int[] IHN = {0, 1, 0};
    private static final int[] IHP = {0, 3, 2};
    private static final int[] QM2 = {-7408, -1616, 7408, 1616};
    private static final int[] WH = {0, -214, 798};
    private static final int[] RH2 = {2, 1, 2, 1};

    private static final G722 PROTOTYPE = new G722();

    private final G722Band encLow = G722Band.low();
    private final G722Band encHigh = G722Band.high();
    private final int[] encQmf = new int[24];
    private final G722Band decLow = G722Band.low();
    private final G722Band decHigh = G722Band.high();
    private final int[] decQmf = new int[24];

    private G722() {
    }

    /** The registry's instance; take {@link #newStream()} for a call. */
    public static G722 prototype() {
        return PROTOTYPE;
    }

    @Override
    public AudioCodec newStream() {
        return new G722();
    }

    @Override
    public String encodingName() {
        return "G722";
    }

    @Override
    public int payloadType() {
        return 9;
    }

    @Override
    public int clockRate() {
        return 8000;
    }

    @Override
    public int sampleRate() {
        return 16000;
    }

    @Override
    public int samplesIn(int payloadBytes) {
        return payloadBytes * 2;
    }

    /** Encodes an even number of 16 kHz samples (an odd last sample is dropped): one byte per two samples. */
    @Override
    public int encode(short[] pcm, int pcmOff, int samples, byte[] out, int outOff) {
        int n = 0;
        for (int j = 0; j + 1 < samples; j += 2) {
            System.arraycopy(encQmf, 2, encQmf, 0, 22);
            encQmf[22] = pcm[pcmOff + j];
            encQmf[23] = pcm[pcmOff + j + 1];
            int even = 0;
            int odd = 0;
            for (int i = 0; i < 12; i++) {
                odd += encQmf[2 * i] * QMF[i];
                even += encQmf[2 * i + 1] * QMF[11 - i];
            }
            int low = encodeLow((even + odd) >> 14);
            int high = encodeHigh((even - odd) >> 14);
            out[outOff + n++] = (byte) ((high << 6) | low);
        }
        return n;
    }

    private int encodeLow(int xlow) {
        G722Band b = encLow;
        int el = G722Band.sat(xlow - b.estimate);
        int wd = el >= 0 ? el : -(el + 1);
        int i = 1;
        while (i < 30 && wd >= ((Q6[i] * b.det) >> 12)) {
            i++;
        }
        int code = el < 0 ? ILN[i] : ILP[i];
        int ril = code >> 2;
        int dq = (b.det * QM4[ril]) >> 15;
        b.adaptScale(WL[RL42[ril]]);
        b.update(dq);
        return code;
    }

    private int encodeHigh(int xhigh) {
        G722Band b = encHigh;
        int eh = G722Band.sat(xhigh - b.estimate);
        int wd = eh >= 0 ? eh : -(eh + 1);
        int mih = wd >= ((564 * b.det) >> 12) ? 2 : 1;
        int code = eh < 0 ? IHN[mih] : IHP[mih];
        int dq = (b.det * QM2[code]) >> 15;
        b.adaptScale(WH[RH2[code]]);
        b.update(dq);
        return code;
    }

    @Override
    public int decode(byte[] in, int inOff, int len, short[] pcm, int pcmOff) {
        int n = 0;
        for (int j = 0; j < len; j++) {
            int code = in[inOff + j] & 0xFF;
            int rlow = decodeLow(code & 0x3F);
            int rhigh = decodeHigh((code >> 6) & 0x03);
            System.arraycopy(decQmf, 2, decQmf, 0, 22);
            decQmf[22] = rlow + rhigh;
            decQmf[23] = rlow - rhigh;
            int x1 = 0;
            int x2 = 0;
            for (int i = 0; i < 12; i++) {
                x2 += decQmf[2 * i] * QMF[i];
                x1 += decQmf[2 * i + 1] * QMF[11 - i];
            }
            pcm[pcmOff + n++] = (short) G722Band.sat(x1 >> 11);
            pcm[pcmOff + n++] = (short) G722Band.sat(x2 >> 11);
        }
        return n;
    }

    private int decodeLow(int code6) {
        G722Band b = decLow;
        int rlow = G722Band.clamp(b.estimate + ((b.det * QM6[code6]) >> 15), -16384, 16383);
        int ril = code6 >> 2;
        int dq = (b.det * QM4[ril]) >> 15;
        b.adaptScale(WL[RL42[ril]]);
        b.update(dq);
        return rlow;
    }

    private int decodeHigh(int code2) {
        G722Band b = decHigh;
        int dq = (b.det * QM2[code2]) >> 15;
        int rhigh = G722Band.clamp(dq + b.estimate, -16384, 16383);
        b.adaptScale(WH[RH2[code2]]);
        b.update(dq);
        return rhigh;
    }

    @Override
    public String toString() {
        return "G722/8000 (16 kHz audio)";
    }
}
