package org.minisip.media;

/**
 * A point-in-time snapshot of one {@link MediaSession}'s counters. Each counter is read
 * atomically, but the snapshot as a whole is not.
 *
 * @param packetsSent RTP packets sent (audio and telephone-event)
 * @param bytesSent RTP bytes sent, including RTP header and SRTP tag
 * @param packetsReceived RTP packets accepted (after SRTP and source checks)
 * @param bytesReceived bytes of accepted RTP packets as received on the wire
 * @param srtpAuthFailures SRTP/SRTCP packets dropped because authentication failed
 * @param srtpReplayDrops SRTP/SRTCP packets dropped as replays
 * @param malformed packets dropped as not RTP, truncated, or failing SRTP for other reasons
 * @param wrongSource packets dropped because they did not come from the latched peer
 * @param unknownPayloadType packets dropped for carrying a payload type not negotiated
 * @param late packets the jitter buffer dropped because their playout time had passed
 * @param lost packets missing from the sequence when playout passed them
 * @param duplicates packets the jitter buffer dropped as duplicates
 * @param jitterBufferDelayMs audio currently buffered ahead of playout
 * @param lastPayloadType payload type of the last accepted RTP packet, -1 if none yet
 * @param rtcpSent RTCP (or SRTCP) compound packets sent
 * @param rtcpReceived RTCP packets received and accepted
 * @param dtmfSent telephone events sent
 * @param dtmfReceived telephone events received (after de-duplication)
 */
public record MediaStats(long packetsSent, long bytesSent, long packetsReceived,
                         long bytesReceived, long srtpAuthFailures, long srtpReplayDrops,
                         long malformed, long wrongSource, long unknownPayloadType, long late,
                         long lost, long duplicates, int jitterBufferDelayMs,
                         int lastPayloadType, long rtcpSent, long rtcpReceived, long dtmfSent,
                         long dtmfReceived) {
}
