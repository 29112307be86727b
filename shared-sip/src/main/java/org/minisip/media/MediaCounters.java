package org.minisip.media;

import java.util.concurrent.atomic.AtomicLong;

/** Counters shared by the threads of one {@link MediaSession}; all fields are thread-safe. */
final class MediaCounters {
    final AtomicLong packetsSent = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong payloadBytesSent = new AtomicLong();
    final AtomicLong packetsReceived = new AtomicLong();
    final AtomicLong bytesReceived = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    final AtomicLong wrongSource = new AtomicLong();
    final AtomicLong unknownPt = new AtomicLong();
    final AtomicLong rtcpSent = new AtomicLong();
    final AtomicLong rtcpReceived = new AtomicLong();
    final AtomicLong dtmfSent = new AtomicLong();
    final AtomicLong dtmfReceived = new AtomicLong();
    final AtomicLong sendErrors = new AtomicLong();
    volatile int lastPayloadType = -1;
}
