package org.minisip.media.rtp;

/**
 * Allocation-free accessors for RTP fixed headers (RFC 3550 §5.1) living in a caller-owned
 * {@code byte[]} at an offset. All methods are static, pure and thread-safe; they never copy.
 *
 * <p>Accessors other than {@link #headerLength} assume at least {@link #FIXED_HEADER} readable
 * bytes; call {@code headerLength} first on untrusted input.
 */
public final class RtpPacket {

    /** Size of the fixed RTP header without CSRCs or extension. */
    public static final int FIXED_HEADER = 12;
    /** The only RTP version in use (RFC 3550). */
    public static final int VERSION = 2;

    private RtpPacket() {
    }

    /** Version field (top two bits of byte 0). */
    public static int version(byte[] b, int off) {
        return (b[off] & 0xC0) >>> 6;
    }

    /** Padding bit. */
    public static boolean padding(byte[] b, int off) {
        return (b[off] & 0x20) != 0;
    }

    /** Extension bit. */
    public static boolean extension(byte[] b, int off) {
        return (b[off] & 0x10) != 0;
    }

    /** CSRC count. */
    public static int csrcCount(byte[] b, int off) {
        return b[off] & 0x0F;
    }

    /** Payload type (7 bits). */
    public static int payloadType(byte[] b, int off) {
        return b[off + 1] & 0x7F;
    }

    /** Marker bit. */
    public static boolean marker(byte[] b, int off) {
        return (b[off + 1] & 0x80) != 0;
    }

    /** Sequence number, 0..65535. */
    public static int sequence(byte[] b, int off) {
        return ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    /** Timestamp as an unsigned 32-bit value. */
    public static long timestamp(byte[] b, int off) {
        return readUint32(b, off + 4);
    }

    /** SSRC as an unsigned 32-bit value. */
    public static long ssrc(byte[] b, int off) {
        return readUint32(b, off + 8);
    }

    /**
     * Total header length: fixed header, CSRC list and header extension (RFC 3550 §5.3.1).
     *
     * @param len number of valid bytes at {@code off}
     * @return header length in bytes, or -1 if the packet is malformed (wrong version, truncated
     *     header, or padding count larger than the remaining payload)
     */
    public static int headerLength(byte[] b, int off, int len) {
        if (len < FIXED_HEADER || off < 0 || off + len > b.length || version(b, off) != VERSION) {
            return -1;
        }
        int h = FIXED_HEADER + 4 * csrcCount(b, off);
        if (h > len) {
            return -1;
        }
        if (extension(b, off)) {
            if (h + 4 > len) {
                return -1;
            }
            int words = ((b[off + h + 2] & 0xFF) << 8) | (b[off + h + 3] & 0xFF);
            h += 4 + 4 * words;
            if (h > len) {
                return -1;
            }
        }
        if (padding(b, off)) {
            int pad = b[off + len - 1] & 0xFF;
            if (pad == 0 || h + pad > len) {
                return -1;
            }
        }
        return h;
    }

    /**
     * Payload length excluding RTP padding (RFC 3550 §5.1 P bit).
     *
     * @param headerLength value previously returned by {@link #headerLength}
     */
    public static int payloadLength(byte[] b, int off, int len, int headerLength) {
        int pad = padding(b, off) ? b[off + len - 1] & 0xFF : 0;
        return len - headerLength - pad;
    }

    /**
     * Writes a 12-byte header with version 2, no padding, no extension and no CSRCs.
     *
     * @return number of bytes written (always {@link #FIXED_HEADER})
     */
    public static int writeHeader(byte[] b, int off, boolean marker, int pt, int seq, long ts,
                                  long ssrc) {
        b[off] = (byte) 0x80;
        b[off + 1] = (byte) ((marker ? 0x80 : 0) | (pt & 0x7F));
        b[off + 2] = (byte) (seq >>> 8);
        b[off + 3] = (byte) seq;
        writeUint32(b, off + 4, ts);
        writeUint32(b, off + 8, ssrc);
        return FIXED_HEADER;
    }

    /** Reads a big-endian unsigned 32-bit value. */
    public static long readUint32(byte[] b, int off) {
        return ((long) (b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16)
                | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    /** Writes the low 32 bits of {@code v} big-endian. */
    public static void writeUint32(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
