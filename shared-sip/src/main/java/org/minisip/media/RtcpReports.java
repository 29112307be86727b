package org.minisip.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.minisip.media.rtp.RtpPacket;
import org.minisip.media.srtp.SrtpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Minimal RTCP (RFC 3550 §6): sends a compound SR (or RR while not sending) + SDES CNAME,
 * SRTCP-protected when SRTP is configured, and runs a receive loop that validates, unprotects
 * and counts incoming RTCP. Report contents beyond the sender info are not interpreted.
 *
 * <p>{@link #sendReport} is called from the sender thread only; {@link #run} is the body of the
 * RTCP receive thread. Each uses its own pre-allocated buffer.
 */
final class RtcpReports implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RtcpReports.class);
    /** Seconds between 1900 (NTP epoch) and 1970. */
    private static final long NTP_OFFSET = 2_208_988_800L;

    private final MediaSession session;
    private final DatagramSocket socket;
    private final MediaCounters counters;
    private final byte[] cname;
    private final byte[] out = new byte[256];
    private final DatagramPacket outPacket = new DatagramPacket(out, out.length);
    private final byte[] in = new byte[2048];
    private final DatagramPacket inPacket = new DatagramPacket(in, in.length);
    private volatile boolean running = true;

    RtcpReports(MediaSession session, DatagramSocket socket, MediaCounters counters,
                String cname) {
        this.session = session;
        this.socket = socket;
        this.counters = counters;
        byte[] c = cname.getBytes(StandardCharsets.UTF_8);
        this.cname = c.length > 255 ? java.util.Arrays.copyOf(c, 255) : c;
    }

    void stop() {
        running = false;
    }

    /** Builds and sends one compound report. Never throws for I/O problems. */
    void sendReport(MediaParams p, long ssrc, long rtpTs, boolean sender) {
        InetSocketAddress to = session.rtcpDestination();
        if (to == null) {
            return;
        }
        int len;
        if (sender) {
            out[0] = (byte) 0x80;
            out[1] = (byte) 200;
            out[2] = 0;
            out[3] = 6;
            RtpPacket.writeUint32(out, 4, ssrc);
            long millis = System.currentTimeMillis();
            long secs = millis / 1000 + NTP_OFFSET;
            long frac = ((millis % 1000) << 32) / 1000;
            RtpPacket.writeUint32(out, 8, secs);
            RtpPacket.writeUint32(out, 12, frac);
            RtpPacket.writeUint32(out, 16, rtpTs);
            RtpPacket.writeUint32(out, 20, counters.packetsSent.get());
            RtpPacket.writeUint32(out, 24, counters.payloadBytesSent.get());
            len = 28;
        } else {
            out[0] = (byte) 0x80;
            out[1] = (byte) 201;
            out[2] = 0;
            out[3] = 1;
            RtpPacket.writeUint32(out, 4, ssrc);
            len = 8;
        }
        len = writeSdes(len, ssrc);
        SrtpSession srtp = p.srtp();
        if (srtp != null) {
            len = srtp.protectRtcp(out, 0, len);
            if (len < 0) {
                return;
            }
        }
        try {
            outPacket.setData(out, 0, len);
            outPacket.setSocketAddress(to);
            socket.send(outPacket);
            counters.rtcpSent.incrementAndGet();
        } catch (IOException e) {
            LOG.debug("RTCP send to {} failed: {}", to, e.toString());
        }
    }

    private int writeSdes(int off, long ssrc) {
        int itemLen = 2 + cname.length;
        int chunk = 4 + itemLen + 1; // SSRC + item + terminating null
        int padded = (chunk + 3) & ~3;
        out[off] = (byte) 0x81;
        out[off + 1] = (byte) 202;
        int words = padded / 4;
        out[off + 2] = (byte) (words >>> 8);
        out[off + 3] = (byte) words;
        RtpPacket.writeUint32(out, off + 4, ssrc);
        out[off + 8] = 1; // CNAME
        out[off + 9] = (byte) cname.length;
        System.arraycopy(cname, 0, out, off + 10, cname.length);
        for (int i = off + 10 + cname.length; i < off + 4 + padded; i++) {
            out[i] = 0;
        }
        return off + 4 + padded;
    }

    /** RTCP receive loop: ends when the socket is closed. */
    @Override
    public void run() {
        while (running) {
            try {
                inPacket.setData(in, 0, in.length);
                socket.receive(inPacket);
            } catch (IOException e) {
                if (running) {
                    LOG.debug("RTCP receive failed: {}", e.toString());
                }
                if (socket.isClosed()) {
                    return;
                }
                continue;
            }
            int len = inPacket.getLength();
            int pt = len >= 8 ? in[1] & 0xFF : 0;
            if ((in[0] & 0xC0) != 0x80 || pt < 200 || pt > 206) {
                counters.malformed.incrementAndGet();
                continue;
            }
            SrtpSession srtp = session.params().srtp();
            if (srtp != null && srtp.unprotectRtcp(in, 0, len) < 0) {
                continue;
            }
            session.latchRtcp((InetSocketAddress) inPacket.getSocketAddress());
            counters.rtcpReceived.incrementAndGet();
        }
    }
}
