package org.minisip.media.codec;

/**
 * ITU-T G.711 mu-law (PCMU, PT 0) and A-law (PCMA, PT 8) codecs, bit-exact with the ITU
 * reference (the classic Sun {@code g711.c} algorithm) and fully table driven: encoding looks up
 * a 64 Ki-entry table indexed by the 16-bit sample, decoding a 256-entry table.
 *
 * <p>Instances are immutable and thread-safe; the tables are built once per class load.
 */
public final class G711 implements AudioCodec {

    // declared before the static initialiser that uses them
    private static final int[] SEG_AEND = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};
    private static final int[] SEG_UEND = {0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF};
    private static final short[] ULAW_DECODE = new short[256];
    private static final short[] ALAW_DECODE = new short[256];
    private static final byte[] ULAW_ENCODE = new byte[65536];
    private static final byte[] ALAW_ENCODE = new byte[65536];

    private static final G711 PCMU = new G711("PCMU", 0, ULAW_ENCODE, ULAW_DECODE);
    private static final G711 PCMA = new G711("PCMA", 8, ALAW_ENCODE, ALAW_DECODE);

    static {
        for (int i = 0; i < 256; i++) {
            ULAW_DECODE[i] = (short) ulaw2linear(i);
            ALAW_DECODE[i] = (short) alaw2linear(i);
        }
        for (int i = 0; i < 65536; i++) {
            int pcm = (short) i;
            ULAW_ENCODE[i] = (byte) linear2ulaw(pcm);
            ALAW_ENCODE[i] = (byte) linear2alaw(pcm);
        }
    }

    private final String name;
    private final int pt;
    private final byte[] encodeTable;
    private final short[] decodeTable;

    private G711(String name, int pt, byte[] encodeTable, short[] decodeTable) {
        this.name = name;
        this.pt = pt;
        this.encodeTable = encodeTable;
        this.decodeTable = decodeTable;
    }

    /** The mu-law codec (PCMU, payload type 0). */
    public static AudioCodec pcmu() {
        return PCMU;
    }

    /** The A-law codec (PCMA, payload type 8). */
    public static AudioCodec pcma() {
        return PCMA;
    }

    @Override
    public String encodingName() {
        return name;
    }

    @Override
    public int payloadType() {
        return pt;
    }

    @Override
    public int clockRate() {
        return 8000;
    }

    @Override
    public int sampleRate() {
        return 8000;
    }

    @Override
    public int encode(short[] pcm, int pcmOff, int samples, byte[] out, int outOff) {
        byte[] table = encodeTable;
        for (int i = 0; i < samples; i++) {
            out[outOff + i] = table[pcm[pcmOff + i] & 0xFFFF];
        }
        return samples;
    }

    @Override
    public int decode(byte[] in, int inOff, int len, short[] pcm, int pcmOff) {
        short[] table = decodeTable;
        for (int i = 0; i < len; i++) {
            pcm[pcmOff + i] = table[in[inOff + i] & 0xFF];
        }
        return len;
    }

    @Override
    public String toString() {
        return name + "/8000";
    }

    // --- ITU reference algorithms, used only to fill the tables ---

    private static int segment(int value, int[] ends) {
        for (int i = 0; i < ends.length; i++) {
            if (value <= ends[i]) {
                return i;
            }
        }
        return ends.length;
    }

    static int linear2alaw(int pcm) {
        int mask;
        pcm >>= 3;
        if (pcm >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            pcm = -pcm - 1;
        }
        int seg = segment(pcm, SEG_AEND);
        if (seg >= 8) {
            return 0x7F ^ mask;
        }
        int aval = seg << 4;
        aval |= seg < 2 ? (pcm >> 1) & 0xF : (pcm >> seg) & 0xF;
        return aval ^ mask;
    }

    static int alaw2linear(int a) {
        a ^= 0x55;
        int t = (a & 0xF) << 4;
        int seg = (a & 0x70) >> 4;
        switch (seg) {
            case 0 -> t += 8;
            case 1 -> t += 0x108;
            default -> {
                t += 0x108;
                t <<= seg - 1;
            }
        }
        return (a & 0x80) != 0 ? t : -t;
    }

    static int linear2ulaw(int pcm) {
        int mask;
        pcm >>= 2;
        if (pcm < 0) {
            pcm = -pcm;
            mask = 0x7F;
        } else {
            mask = 0xFF;
        }
        if (pcm > 8159) {
            pcm = 8159;
        }
        pcm += 0x84 >> 2;
        int seg = segment(pcm, SEG_UEND);
        if (seg >= 8) {
            return 0x7F ^ mask;
        }
        int uval = (seg << 4) | ((pcm >> (seg + 1)) & 0xF);
        return uval ^ mask;
    }

    static int ulaw2linear(int u) {
        u = ~u & 0xFF;
        int t = ((u & 0xF) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }
}
