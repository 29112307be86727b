package org.minisip.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.util.function.Consumer;
import org.minisip.media.dtmf.DtmfEvents;
import org.minisip.media.rtp.JitterBuffer;
import org.minisip.media.rtp.RtpPacket;
import org.minisip.media.srtp.SrtpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving half of a {@link MediaSession}: a blocking receive loop on its own thread that
 * applies symmetric-RTP source latching, SRTP unprotection, demultiplexes telephone-events
 * (RFC 4733, de-duplicated by RTP timestamp, callback on the first packet of each event) from
 * audio, and feeds audio into the session's {@link JitterBuffer}. One reused receive buffer;
 * every drop is counted, nothing throws per packet.
 */
final class RtpReceiver implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RtpReceiver.class);

    private final MediaSession session;
    private final DatagramSocket socket;
    private final MediaCounters counters;
    private final byte[] buf = new byte[2048];
    private final DatagramPacket packet = new DatagramPacket(buf, buf.length);
    private volatile boolean running = true;
    private long ssrc = -1;
    private long lastEventTs = -1;

    RtpReceiver(MediaSession session, DatagramSocket socket, MediaCounters counters) {
        this.session = session;
        this.socket = socket;
        this.counters = counters;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running) {
            try {
                packet.setData(buf, 0, buf.length);
                socket.receive(packet);
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
                LOG.debug("RTP receive failed: {}", e.toString());
                continue;
            }
            try {
                handle(packet.getLength(), System.nanoTime());
            } catch (RuntimeException e) {
                counters.malformed.incrementAndGet();
                LOG.debug("RTP packet handling failed", e);
            }
        }
    }

    private void handle(int len, long now) {
        MediaParams p = session.params();
        int wireLen = len;
        if (RtpPacket.headerLength(buf, 0, len) < 0) {
            counters.malformed.incrementAndGet();
            return;
        }
        if (!session.acceptsSource(packet.getAddress(), packet.getPort())) {
            counters.wrongSource.incrementAndGet();
            return;
        }
        SrtpSession srtp = p.srtp();
        if (srtp != null) {
            len = srtp.unprotectRtp(buf, 0, len);
            if (len < 0) {
                return; // counted by the SRTP session
            }
        }
        int h = RtpPacket.headerLength(buf, 0, len);
        if (h < 0) {
            counters.malformed.incrementAndGet();
            return;
        }
        session.latchRtp(packet.getAddress(), packet.getPort());
        int pt = RtpPacket.payloadType(buf, 0);
        long packetSsrc = RtpPacket.ssrc(buf, 0);
        JitterBuffer jb = session.jitterBuffer();
        if (packetSsrc != ssrc) {
            if (ssrc != -1) {
                LOG.debug("SSRC changed {} -> {}: resetting jitter buffer", ssrc, packetSsrc);
            }
            ssrc = packetSsrc;
            lastEventTs = -1;
            jb.reset();
        }
        counters.packetsReceived.incrementAndGet();
        counters.bytesReceived.addAndGet(wireLen);
        counters.lastPayloadType = pt;
        int payloadLen = RtpPacket.payloadLength(buf, 0, len, h);
        if (pt == p.telephoneEventPt() && p.telephoneEventPt() >= 0) {
            onTelephoneEvent(p, h, payloadLen);
        } else if (pt == p.payloadType()) {
            if (p.receive() && payloadLen > 0) {
                long ts = RtpPacket.timestamp(buf, 0);
                int ratio = p.codec().sampleRate() / p.codec().clockRate();
                if (ratio > 1) {
                    ts = (ts * ratio) & 0xFFFFFFFFL; // G.722: 8 kHz RTP clock, 16 kHz audio
                }
                jb.put(RtpPacket.sequence(buf, 0), ts, buf, h, payloadLen, now);
            }
        } else {
            counters.unknownPt.incrementAndGet();
        }
    }

    private void onTelephoneEvent(MediaParams p, int h, int payloadLen) {
        if (payloadLen < DtmfEvents.PAYLOAD_LENGTH) {
            counters.malformed.incrementAndGet();
            return;
        }
        long ts = RtpPacket.timestamp(buf, 0);
        if (ts == lastEventTs) {
            return;
        }
        lastEventTs = ts;
        char c = DtmfEvents.symbol(DtmfEvents.eventOf(buf, h));
        if (c == '\0') {
            return;
        }
        counters.dtmfReceived.incrementAndGet();
        Consumer<Character> cb = p.onDtmfReceived();
        if (cb != null) {
            try {
                cb.accept(c);
            } catch (RuntimeException e) {
                LOG.debug("DTMF callback threw", e);
            }
        }
    }
}
