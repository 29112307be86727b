package org.minisip.sdp;

import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * What the local side can do, input to {@link OfferAnswer}.
 *
 * @param address           local media IP literal written into {@code c=} / {@code o=} (IPv4 or IPv6)
 * @param rtpPort           local RTP port, 1..65535
 * @param codecs            audio codecs in preference order; their payload types are used in our offers
 * @param telephoneEventPt  payload type we offer for RFC 4733 telephone-event/8000, or -1 for none
 * @param ptimeMs           packet time we send and advertise, e.g. 20
 * @param srtp              SDES-SRTP policy
 * @param localSrtpInlineKey base64 of our 30-byte AES_CM_128 master key||salt; required unless srtp is OFF
 * @param direction         what we want to do with media, normally SENDRECV (SENDONLY to hold)
 * @param codecFmtps        {@code a=fmtp} parameters to write for codecs, by upper-case encoding name (e.g. Opus's
 *                          {@code useinbandfec=1})
 */
public record MediaCapabilities(String address, int rtpPort, List<RtpMap> codecs, int telephoneEventPt,
                                int ptimeMs, SrtpMode srtp, String localSrtpInlineKey, Direction direction,
                                java.util.Map<String, String> codecFmtps) {
    /** Master key (16) + salt (14) bytes of AES_CM_128_HMAC_SHA1_80. */
    public static final int SRTP_KEY_SALT_BYTES = 30;

    public MediaCapabilities {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(srtp, "srtp");
        Objects.requireNonNull(direction, "direction");
        codecs = List.copyOf(codecs);
        codecFmtps = java.util.Map.copyOf(codecFmtps);
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("no codecs");
        }
        if (rtpPort < 1 || rtpPort > 65535) {
            throw new IllegalArgumentException("rtpPort out of range: " + rtpPort);
        }
        if (telephoneEventPt < -1 || telephoneEventPt > 127) {
            throw new IllegalArgumentException("telephoneEventPt out of range: " + telephoneEventPt);
        }
        if (ptimeMs <= 0 || ptimeMs > 1000) {
            throw new IllegalArgumentException("ptimeMs out of range: " + ptimeMs);
        }
        if (srtp != SrtpMode.OFF && !isValidKey(localSrtpInlineKey)) {
            throw new IllegalArgumentException("SRTP needs a base64 " + SRTP_KEY_SALT_BYTES + "-byte inline key");
        }
    }

    /** Capabilities without codec fmtp parameters. */
    public MediaCapabilities(String address, int rtpPort, List<RtpMap> codecs, int telephoneEventPt, int ptimeMs,
                             SrtpMode srtp, String localSrtpInlineKey, Direction direction) {
        this(address, rtpPort, codecs, telephoneEventPt, ptimeMs, srtp, localSrtpInlineKey, direction,
                java.util.Map.of());
    }

    /** The fmtp parameters we write for {@code codec}, or null. */
    public String fmtpOf(RtpMap codec) {
        return codecFmtps.get(codec.encodingName().toUpperCase(java.util.Locale.ROOT));
    }

    /** Whether {@code base64} decodes to exactly {@link #SRTP_KEY_SALT_BYTES} bytes. */
    public static boolean isValidKey(String base64) {
        if (base64 == null) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(base64).length == SRTP_KEY_SALT_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A copy with another direction (e.g. SENDONLY for hold). */
    public MediaCapabilities withDirection(Direction d) {
        return new MediaCapabilities(address, rtpPort, codecs, telephoneEventPt, ptimeMs, srtp, localSrtpInlineKey, d,
                codecFmtps);
    }
}
