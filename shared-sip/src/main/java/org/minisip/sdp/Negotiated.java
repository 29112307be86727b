package org.minisip.sdp;

import java.net.InetSocketAddress;

/**
 * Outcome of an RFC 3264 offer/answer exchange for the audio stream, from the local side's point of view.
 *
 * @param remoteRtp        where to send RTP (unresolved only if the peer wrote a host name instead of an IP)
 * @param codec            the chosen codec with the payload type used on the wire
 * @param telephoneEventPt the remote's payload type for RFC 4733 telephone-event, or -1
 * @param ptimeMs          the remote's {@code a=ptime} if given, else the local packet time
 * @param srtp             whether SDES-SRTP protects the stream
 * @param remoteInlineKey  the remote's base64 master key||salt (decrypting what it sends); null without SRTP
 * @param localInlineKey   our base64 master key||salt (encrypting what we send); null without SRTP
 * @param cryptoTag        tag of the accepted {@code a=crypto} line; -1 without SRTP
 * @param localDirection   what WE do: e.g. remote sendonly gives recvonly here
 * @param onHold           the remote put the stream on hold (sendonly/inactive, or c=0.0.0.0)
 */
public record Negotiated(InetSocketAddress remoteRtp, RtpMap codec, int telephoneEventPt, int ptimeMs,
                         boolean srtp, String remoteInlineKey, String localInlineKey, int cryptoTag,
                         Direction localDirection, boolean onHold) {
}
