package org.minisip.sdp;

import java.util.Locale;
import java.util.Objects;

/**
 * One {@code a=rtpmap} entry (RFC 4566 §6): {@code <payload type> <encoding name>/<clock rate>[/<channels>]}.
 * {@code channels} is 1 when not written.
 */
public record RtpMap(int payloadType, String encodingName, int clockRate, int channels) {
    public static final RtpMap PCMU = new RtpMap(0, "PCMU", 8000, 1);
    public static final RtpMap PCMA = new RtpMap(8, "PCMA", 8000, 1);
    /** G.722: RTP clock rate 8000 although sampled at 16 kHz (RFC 3551 §4.5.2). */
    public static final RtpMap G722 = new RtpMap(9, "G722", 8000, 1);

    public RtpMap {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
        Objects.requireNonNull(encodingName, "encodingName");
        if (encodingName.isEmpty() || encodingName.chars().anyMatch(c -> c <= ' ' || c == '/')) {
            throw new IllegalArgumentException("bad encoding name '" + encodingName + "'");
        }
        if (clockRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("clock rate and channels must be positive");
        }
    }

    /** Convenience for mono codecs. */
    public RtpMap(int payloadType, String encodingName, int clockRate) {
        this(payloadType, encodingName, clockRate, 1);
    }

    /**
     * Parses the value after {@code a=rtpmap:}, e.g. {@code 96 opus/48000/2}.
     *
     * @throws IllegalArgumentException if malformed
     */
    public static RtpMap parse(String value) {
        String[] parts = value.trim().split("\\s+", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("rtpmap needs '<pt> <encoding>/<rate>': " + value);
        }
        String[] enc = parts[1].trim().split("/", -1);
        if (enc.length < 2 || enc.length > 3) {
            throw new IllegalArgumentException("rtpmap needs '<encoding>/<rate>[/<channels>]': " + value);
        }
        try {
            return new RtpMap(Integer.parseInt(parts[0]), enc[0], Integer.parseInt(enc[1]),
                    enc.length == 3 ? Integer.parseInt(enc[2]) : 1);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rtpmap has a non-numeric field: " + value, e);
        }
    }

    /** The attribute value, e.g. {@code 0 PCMU/8000} or {@code 96 opus/48000/2}. */
    public String format() {
        return payloadType + " " + encodingName + "/" + clockRate + (channels != 1 ? "/" + channels : "");
    }

    /** Same encoding (case-insensitive) and clock rate; payload type and channels are ignored. */
    public boolean sameCodec(RtpMap other) {
        return encodingName.equalsIgnoreCase(other.encodingName) && clockRate == other.clockRate;
    }

    /** Whether this is RFC 4733 {@code telephone-event}. */
    public boolean isTelephoneEvent() {
        return encodingName.toLowerCase(Locale.ROOT).equals("telephone-event");
    }

    /** A copy with another payload type. */
    public RtpMap withPayloadType(int pt) {
        return new RtpMap(pt, encodingName, clockRate, channels);
    }

    /**
     * The RFC 3551 §6 audio static payload type mapping used when an offer lists a static PT without rtpmap,
     * or null if {@code pt} has none here (only audio types are known).
     */
    public static RtpMap staticAudio(int pt) {
        return switch (pt) {
            case 0 -> PCMU;
            case 3 -> new RtpMap(3, "GSM", 8000);
            case 4 -> new RtpMap(4, "G723", 8000);
            case 8 -> PCMA;
            case 9 -> G722;
            case 18 -> new RtpMap(18, "G729", 8000);
            default -> null;
        };
    }
}
