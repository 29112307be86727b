package org.minisip.media;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import org.minisip.media.rtp.JitterBuffer;
import org.minisip.media.srtp.SrtpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bidirectional RTP audio stream (RFC 3550 / 3551, SRTP per RFC 3711, DTMF per RFC 4733):
 * the object the phone creates per call.
 *
 * <p><b>Lifecycle.</b> {@link #open} binds the sockets; {@link #configure} sets the negotiated
 * parameters (and may be called again mid-call, e.g. for a re-INVITE); {@link #start} launches
 * four daemon threads ({@code media-send-<port>}, {@code media-recv-<port>},
 * {@code media-playout-<port>}, {@code media-rtcp-<port>}); {@link #close} stops them, closes
 * the sockets and the current sink. All public methods are thread-safe.
 *
 * <p><b>Symmetric RTP.</b> Packets are accepted from any source until the first valid one
 * (authenticated, if SRTP) latches the peer; afterwards RTP is sent to the latched address and
 * packets from other sources are dropped (counted), unless the latched source has been silent
 * for over a second, in which case the new source re-latches. {@link #configure} with a
 * different remote address clears the latch.
 */
public final class MediaSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaSession.class);
    private static final int BIND_ATTEMPTS = 64;
    private static final long RELATCH_NANOS = 1_000_000_000L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatagramSocket rtpSocket;
    private final DatagramSocket rtcpSocket;
    private final MediaCounters counters = new MediaCounters();
    private final RtcpReports rtcp;
    private final RtpSender sender;
    private final RtpReceiver receiver;
    private final Playout playout;
    private final List<Thread> threads = new ArrayList<>();

    private volatile MediaParams params;
    private volatile JitterBuffer jitterBuffer;
    private volatile InetSocketAddress remoteRtcp;
    private volatile InetAddress latchedAddress;
    private volatile int latchedPort;
    private volatile InetSocketAddress latchedRtp;
    private volatile InetSocketAddress latchedRtcp;
    private volatile long lastAcceptNanos;
    private boolean started;
    private boolean closed;

    private MediaSession(DatagramSocket rtpSocket, DatagramSocket rtcpSocket) {
        this.rtpSocket = rtpSocket;
        this.rtcpSocket = rtcpSocket;
        long ssrc = RANDOM.nextInt() & 0xFFFFFFFFL;
        String cname = "minisip-" + Long.toHexString(ssrc) + "@"
                + rtpSocket.getLocalAddress().getHostAddress();
        this.rtcp = new RtcpReports(this, rtcpSocket, counters, cname);
        this.sender = new RtpSender(this, rtpSocket, counters, rtcp, ssrc,
                RANDOM.nextInt(0x10000), RANDOM.nextInt() & 0xFFFFFFFFL);
        this.receiver = new RtpReceiver(this, rtpSocket, counters);
        this.playout = new Playout(this);
    }

    /**
     * Binds an even RTP port and RTP+1 for RTCP on {@code localAddress}, letting the OS pick
     * ports and retrying (bounded) until an even port with a free successor is found.
     *
     * @throws IOException if no suitable pair was found or binding failed
     */
    public static MediaSession open(InetAddress localAddress) throws IOException {
        List<DatagramSocket> rejected = new ArrayList<>();
        try {
            for (int i = 0; i < BIND_ATTEMPTS; i++) {
                DatagramSocket rtp = new DatagramSocket(new InetSocketAddress(localAddress, 0));
                int port = rtp.getLocalPort();
                if (port % 2 != 0 || port >= 65535) {
                    rejected.add(rtp);
                    continue;
                }
                try {
                    DatagramSocket rtcpSock =
                            new DatagramSocket(new InetSocketAddress(localAddress, port + 1));
                    return new MediaSession(rtp, rtcpSock);
                } catch (SocketException e) {
                    rejected.add(rtp);
                }
            }
            throw new IOException("no free even RTP port pair on " + localAddress + " after "
                    + BIND_ATTEMPTS + " attempts");
        } finally {
            rejected.forEach(DatagramSocket::close);
        }
    }

    /** Local RTP port (even); RTCP uses the next port. */
    public int localPort() {
        return rtpSocket.getLocalPort();
    }

    /** Local RTCP port ({@code localPort() + 1}). */
    public int localRtcpPort() {
        return rtcpSocket.getLocalPort();
    }

    /**
     * Applies negotiated parameters; takes effect from the next packet. A different codec clock
     * rate replaces the jitter buffer; a different remote address clears the symmetric-RTP
     * latch. Replaced sinks are not closed (the caller owns them); the sink current at
     * {@link #close()} is closed then.
     */
    public synchronized void configure(MediaParams p) {
        Objects.requireNonNull(p, "params");
        if (closed) {
            throw new IllegalStateException("media session closed");
        }
        MediaParams old = params;
        JitterBuffer jb = jitterBuffer;
        if (jb == null || old.codec().sampleRate() != p.codec().sampleRate()) {
            // the buffer runs at the codec's PCM rate; the receiver scales RTP timestamps to it (G.722)
            jitterBuffer = new JitterBuffer(p.codec().sampleRate(), 40, 200);
        }
        if (old == null || !Objects.equals(old.remoteRtp(), p.remoteRtp())) {
            latchedAddress = null;
            latchedRtp = null;
            latchedRtcp = null;
            InetSocketAddress r = p.remoteRtp();
            remoteRtcp = r == null ? null : new InetSocketAddress(r.getAddress(), r.getPort() + 1);
        }
        params = p;
        LOG.debug("media {} configured: {} pt={} dtmf={} ptime={} srtp={} send={} recv={}",
                localPort(), p.codec(), p.payloadType(), p.telephoneEventPt(), p.ptimeMs(),
                p.srtp() != null, p.send(), p.receive());
    }

    /** Starts the media threads. Requires a prior {@link #configure}; idempotent. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("media session closed");
        }
        if (params == null) {
            throw new IllegalStateException("configure() before start()");
        }
        if (started) {
            return;
        }
        started = true;
        int port = localPort();
        spawn(sender, "media-send-" + port);
        spawn(receiver, "media-recv-" + port);
        spawn(playout, "media-playout-" + port);
        spawn(rtcp, "media-rtcp-" + port);
    }

    private void spawn(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.setPriority(Thread.MAX_PRIORITY);
        threads.add(t);
        t.start();
    }

    /**
     * Queues RFC 4733 events for the digits (0-9, *, #, A-D; others are ignored): each is sent
     * as 100 ms of event packets followed by 3 end packets and a 50 ms gap, from the sender
     * thread. Dropped if no telephone-event payload type is configured.
     */
    public void sendDtmf(String digits) {
        sender.queueDtmf(Objects.requireNonNull(digits, "digits"));
    }

    /** A snapshot of the counters. */
    public MediaStats stats() {
        JitterBuffer jb = jitterBuffer;
        MediaParams p = params;
        SrtpSession s = p == null ? null : p.srtp();
        MediaCounters c = counters;
        return new MediaStats(c.packetsSent.get(), c.bytesSent.get(), c.packetsReceived.get(),
                c.bytesReceived.get(), s == null ? 0 : s.authFailures(),
                s == null ? 0 : s.replayDrops(),
                c.malformed.get() + (s == null ? 0 : s.malformed()), c.wrongSource.get(),
                c.unknownPt.get(), jb == null ? 0 : jb.late(), jb == null ? 0 : jb.lost(),
                jb == null ? 0 : jb.duplicates(), jb == null ? 0 : jb.currentDelayMs(),
                c.lastPayloadType, c.rtcpSent.get(), c.rtcpReceived.get(), c.dtmfSent.get(),
                c.dtmfReceived.get());
    }

    /** Stops the threads (waiting up to 1 s each), closes both sockets and the sink. */
    @Override
    public void close() {
        List<Thread> toJoin;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toJoin = new ArrayList<>(threads);
        }
        sender.stop();
        receiver.stop();
        playout.stop();
        rtcp.stop();
        rtpSocket.close();
        rtcpSocket.close();
        for (Thread t : toJoin) {
            LockSupport.unpark(t);
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        MediaParams p = params;
        if (p != null) {
            p.sink().close();
        }
    }

    // ---------------------------------------------------------------- for the media threads

    MediaParams params() {
        return params;
    }

    JitterBuffer jitterBuffer() {
        return jitterBuffer;
    }

    InetSocketAddress rtpDestination() {
        InetSocketAddress l = latchedRtp;
        return l != null ? l : params.remoteRtp();
    }

    InetSocketAddress rtcpDestination() {
        InetSocketAddress l = latchedRtcp;
        return l != null ? l : remoteRtcp;
    }

    boolean acceptsSource(InetAddress address, int port) {
        InetAddress a = latchedAddress;
        if (a == null || (port == latchedPort && a.equals(address))) {
            return true;
        }
        return System.nanoTime() - lastAcceptNanos > RELATCH_NANOS;
    }

    void latchRtp(InetAddress address, int port) {
        lastAcceptNanos = System.nanoTime();
        InetAddress a = latchedAddress;
        if (a != null && port == latchedPort && a.equals(address)) {
            return;
        }
        latchedPort = port;
        latchedAddress = address;
        latchedRtp = new InetSocketAddress(address, port);
        LOG.debug("media {} latched remote RTP to {}", localPort(), latchedRtp);
    }

    void latchRtcp(InetSocketAddress source) {
        InetSocketAddress l = latchedRtcp;
        if (l == null || !l.equals(source)) {
            latchedRtcp = source;
        }
    }

}
