package org.minisip.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.minisip.media.codec.AudioCodec;
import org.minisip.media.dtmf.DtmfEvents;
import org.minisip.media.rtp.RtpPacket;
import org.minisip.media.srtp.SrtpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending half of a {@link MediaSession}: one thread paced to absolute monotonic deadlines
 * (one packet time apart, so no drift), sending audio or RFC 4733 events, plus an RTCP report
 * every 5 s. All buffers are allocated once; the loop never throws (errors are counted and
 * logged at debug).
 */
final class RtpSender implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RtpSender.class);
    private static final long RTCP_INTERVAL_NANOS = 5_000_000_000L;
    private static final int DTMF_TONE_MS = 100;
    private static final int DTMF_GAP_MS = 50;

    private final MediaSession session;
    private final DatagramSocket rtpSocket;
    private final MediaCounters counters;
    private final RtcpReports rtcp;
    private final Queue<Character> dtmfQueue = new ConcurrentLinkedQueue<>();
    private final byte[] packet = new byte[2048];
    private final DatagramPacket datagram = new DatagramPacket(packet, packet.length);
    private short[] frame = new short[0];
    private short[] codecFrame = new short[0];
    private FrameConverter converter;

    private final long ssrc;
    private int seq;
    private long ts;
    private volatile boolean running = true;

    // DTMF state machine (sender thread only)
    private int dtmfEvent = -1;
    private long dtmfTs;
    private int dtmfElapsedMs;
    private int gapLeftMs;
    private boolean dtmfFirst;

    RtpSender(MediaSession session, DatagramSocket rtpSocket, MediaCounters counters,
              RtcpReports rtcp, long ssrc, int seq, long ts) {
        this.session = session;
        this.rtpSocket = rtpSocket;
        this.counters = counters;
        this.rtcp = rtcp;
        this.ssrc = ssrc;
        this.seq = seq;
        this.ts = ts;
    }

    /** Queues digits; invalid characters are skipped. Thread-safe. */
    void queueDtmf(String digits) {
        for (char c : digits.toCharArray()) {
            if (DtmfEvents.eventCode(c) >= 0) {
                dtmfQueue.add(c);
            } else {
                LOG.debug("ignoring non-DTMF character '{}'", c);
            }
        }
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        long next = System.nanoTime();
        long nextRtcp = next + RTCP_INTERVAL_NANOS;
        while (running) {
            MediaParams p = session.params();
            try {
                tick(p);
                if (System.nanoTime() - nextRtcp >= 0) {
                    nextRtcp += RTCP_INTERVAL_NANOS;
                    rtcp.sendReport(p, ssrc, ts, p.send());
                }
            } catch (RuntimeException e) {
                counters.sendErrors.incrementAndGet();
                LOG.debug("media send tick failed", e);
            }
            next += p.ptimeMs() * 1_000_000L;
            long now = System.nanoTime();
            if (now - next > 200_000_000L) {
                next = now; // stalled (GC, suspend): resync rather than burst
            }
            while (running && (now = System.nanoTime()) - next < 0) {
                LockSupport.parkNanos(next - now);
            }
        }
    }

    long packetCount() {
        return counters.packetsSent.get();
    }

    private void tick(MediaParams p) {
        AudioCodec codec = p.codec();
        int codecSamples = codec.sampleRate() * p.ptimeMs() / 1000;
        int tsStep = codec.clockRate() * p.ptimeMs() / 1000;
        AudioSource src = p.source();
        int srcSamples = src.sampleRate() * p.ptimeMs() / 1000;
        if (frame.length < srcSamples) {
            frame = new short[srcSamples];
        }
        if (codecFrame.length < codecSamples) {
            codecFrame = new short[codecSamples];
        }
        // always pull the source so file playback and tones follow wall-clock time
        src.read(frame, srcSamples);
        if (p.send() && !sendDtmfIfActive(p, tsStep)) {
            short[] pcm = frame;
            if (src.sampleRate() != codec.sampleRate()) {
                if (converter == null || converter.inRate() != src.sampleRate()
                        || converter.outRate() != codec.sampleRate()) {
                    converter = new FrameConverter(src.sampleRate(), codec.sampleRate());
                }
                converter.convert(frame, srcSamples, codecFrame, codecSamples);
                pcm = codecFrame;
            }
            int h = RtpPacket.writeHeader(packet, 0, false, p.payloadType(), seq, ts, ssrc);
            int n = codec.encode(pcm, 0, codecSamples, packet, h);
            if (n > 0) {
                send(p, h + n);
                counters.payloadBytesSent.addAndGet(n);
            }
        }
        ts = (ts + tsStep) & 0xFFFFFFFFL;
    }

    /** Advances the DTMF state machine; returns true when this tick was used for an event. */
    private boolean sendDtmfIfActive(MediaParams p, int tsStep) {
        if (gapLeftMs > 0) {
            gapLeftMs -= p.ptimeMs();
            return false;
        }
        if (dtmfEvent < 0) {
            Character c = dtmfQueue.poll();
            if (c == null) {
                return false;
            }
            if (p.telephoneEventPt() < 0) {
                LOG.debug("DTMF '{}' dropped: no telephone-event payload type negotiated", c);
                dtmfQueue.clear();
                return false;
            }
            dtmfEvent = DtmfEvents.eventCode(c);
            dtmfTs = ts;
            dtmfElapsedMs = 0;
            dtmfFirst = true;
        }
        dtmfElapsedMs += p.ptimeMs();
        int duration = (int) ((long) dtmfElapsedMs * p.codec().clockRate() / 1000);
        boolean end = dtmfElapsedMs >= DTMF_TONE_MS;
        int copies = end ? 3 : 1;
        for (int i = 0; i < copies; i++) {
            int h = RtpPacket.writeHeader(packet, 0, dtmfFirst, p.telephoneEventPt(), seq,
                    dtmfTs, ssrc);
            dtmfFirst = false;
            int n = DtmfEvents.write(packet, h, dtmfEvent, end, DtmfEvents.DEFAULT_VOLUME,
                    duration);
            send(p, h + n);
        }
        if (end) {
            counters.dtmfSent.incrementAndGet();
            dtmfEvent = -1;
            gapLeftMs = DTMF_GAP_MS;
        }
        return true;
    }

    private void send(MediaParams p, int len) {
        seq = (seq + 1) & 0xFFFF;
        SrtpSession srtp = p.srtp();
        if (srtp != null) {
            len = srtp.protectRtp(packet, 0, len);
            if (len < 0) {
                counters.sendErrors.incrementAndGet();
                return;
            }
        }
        InetSocketAddress to = session.rtpDestination();
        if (to == null) {
            return;
        }
        try {
            datagram.setData(packet, 0, len);
            datagram.setSocketAddress(to);
            rtpSocket.send(datagram);
            counters.packetsSent.incrementAndGet();
            counters.bytesSent.addAndGet(len);
        } catch (IOException e) {
            counters.sendErrors.incrementAndGet();
            LOG.debug("RTP send to {} failed: {}", to, e.toString());
        }
    }
}
