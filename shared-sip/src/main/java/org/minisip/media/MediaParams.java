package org.minisip.media;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Consumer;
import org.minisip.media.codec.AudioCodec;
import org.minisip.media.srtp.SrtpSession;

/**
 * Negotiated parameters of one RTP audio stream, applied with {@link MediaSession#configure}.
 *
 * @param remoteRtp where to send RTP (RTCP goes to port + 1) until symmetric-RTP latching
 *     learns the peer's real source address; may be null while only receiving
 * @param codec audio codec for both directions
 * @param payloadType negotiated RTP payload type for {@code codec} (usually its static PT)
 * @param telephoneEventPt RFC 4733 telephone-event payload type, or -1 if not negotiated
 * @param ptimeMs send packet time, 10..60 ms (incoming packets may use any packet time)
 * @param srtp SRTP session (keys both ways), or null for plain RTP
 * @param send whether to send RTP (false: hold / recvonly / inactive)
 * @param receive whether to play received audio (false: received packets are dropped)
 * @param source audio to send; resampled when its rate differs from the codec's
 * @param sink where received audio goes; resampled to its rate; closed by
 *     {@link MediaSession#close()}
 * @param onDtmfReceived called on the receive thread once per received RFC 4733 event; may be
 *     null. It must return quickly.
 */
public record MediaParams(InetSocketAddress remoteRtp, AudioCodec codec, int payloadType,
                          int telephoneEventPt, int ptimeMs, SrtpSession srtp, boolean send,
                          boolean receive, AudioSource source, AudioSink sink,
                          Consumer<Character> onDtmfReceived) {

    /** Validates the parameters. */
    public MediaParams {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
        if (telephoneEventPt < -1 || telephoneEventPt > 127 || telephoneEventPt == payloadType) {
            throw new IllegalArgumentException("bad telephone-event PT: " + telephoneEventPt);
        }
        if (ptimeMs < 10 || ptimeMs > 60) {
            throw new IllegalArgumentException("ptime must be 10..60 ms: " + ptimeMs);
        }
        if (send && remoteRtp == null) {
            throw new IllegalArgumentException("sending needs a remote RTP address");
        }
    }
}
