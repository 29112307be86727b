package org.minisip.media.dtmf;

/**
 * RFC 4733 §2.3 telephone-event payload: a 4-byte block
 * {@code event(8) | E(1) R(1) volume(6) | duration(16)}.
 *
 * <p>Static, allocation-free and thread-safe. Event codes (RFC 4733 §3.2): digits 0-9 are 0-9,
 * {@code *} is 10, {@code #} is 11, A-D are 12-15.
 */
public final class DtmfEvents {

    /** Payload length of one telephone-event block. */
    public static final int PAYLOAD_LENGTH = 4;
    /** Default volume: -10 dBm0 (RFC 4733 §2.3.4 expresses it as a positive attenuation). */
    public static final int DEFAULT_VOLUME = 10;

    private static final String SYMBOLS = "0123456789*#ABCD";

    private DtmfEvents() {
    }

    /**
     * Maps a DTMF character to its event code.
     *
     * @return 0..15, or -1 if {@code c} is not a DTMF symbol (lower-case a-d are accepted)
     */
    public static int eventCode(char c) {
        return SYMBOLS.indexOf(Character.toUpperCase(c));
    }

    /**
     * Maps an event code back to its DTMF character.
     *
     * @return the symbol, or {@code '\0'} for codes outside 0..15 (e.g. fax tones)
     */
    public static char symbol(int event) {
        return event >= 0 && event < SYMBOLS.length() ? SYMBOLS.charAt(event) : '\0';
    }

    /**
     * Writes one event block.
     *
     * @param duration duration in RTP timestamp units, clamped to 0..65535
     * @return bytes written ({@link #PAYLOAD_LENGTH})
     */
    public static int write(byte[] b, int off, int event, boolean end, int volume, int duration) {
        int d = Math.max(0, Math.min(0xFFFF, duration));
        b[off] = (byte) event;
        b[off + 1] = (byte) ((end ? 0x80 : 0) | (volume & 0x3F));
        b[off + 2] = (byte) (d >>> 8);
        b[off + 3] = (byte) d;
        return PAYLOAD_LENGTH;
    }

    /** Event code of the block at {@code off}. */
    public static int eventOf(byte[] payload, int off) {
        return payload[off] & 0xFF;
    }

    /** E (end) bit. */
    public static boolean isEnd(byte[] payload, int off) {
        return (payload[off + 1] & 0x80) != 0;
    }

    /** Volume field (0..63, attenuation in dB below 0 dBm0). */
    public static int volume(byte[] payload, int off) {
        return payload[off + 1] & 0x3F;
    }

    /** Duration in RTP timestamp units. */
    public static int duration(byte[] payload, int off) {
        return ((payload[off + 2] & 0xFF) << 8) | (payload[off + 3] & 0xFF);
    }
}
