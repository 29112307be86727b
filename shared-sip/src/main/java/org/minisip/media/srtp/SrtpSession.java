package org.minisip.media.srtp;

import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jitsi.srtp.BaseSrtpCryptoContext;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.minisip.media.rtp.RtpPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SRTP/SRTCP (RFC 3711) protection for one media stream with the AES_CM_128_HMAC_SHA1_80 suite
 * (AES-128 counter mode, 80-bit HMAC-SHA1 tag, for both RTP and RTCP), backed by jitsi-srtp.
 *
 * <p><b>Buffers.</b> All methods transform the caller's array in place and return the new
 * length. {@link #protectRtp} appends the 10-byte tag, so the array must have at least
 * {@link #RTP_OVERHEAD} bytes after {@code off + len}; {@link #protectRtcp} appends the E-bit +
 * 31-bit SRTCP index and the tag (RFC 3711 §3.4), needing {@link #RTCP_OVERHEAD} spare bytes.
 * Too little room is a programming error and throws {@link IllegalArgumentException}. Nothing is
 * allocated per packet except when a new SSRC is seen (a crypto context is derived then).
 *
 * <p><b>Threads.</b> The outbound (protect) and inbound (unprotect) directions are guarded by
 * separate locks, so one sender thread and one receiver thread may work concurrently.
 *
 * <p><b>Failures.</b> Unprotect never throws for bad input: it returns -1 and increments
 * {@link #authFailures()}, {@link #replayDrops()} or {@link #malformed()}.
 */
public final class SrtpSession implements AutoCloseable {

    /** Bytes appended by {@link #protectRtp}: the 80-bit authentication tag. */
    public static final int RTP_OVERHEAD = 10;
    /** Bytes appended by {@link #protectRtcp}: 4-byte E+index and the 80-bit tag. */
    public static final int RTCP_OVERHEAD = 14;
    private static final int MAX_CONTEXTS = 16;
    private static final Logger LOG = LoggerFactory.getLogger(SrtpSession.class);

    static {
        // jitsi-srtp otherwise benchmarks its AES providers on first use, which stalls the first SRTP call of a
        // process for about 2 s (silence at call start). The JDK's AES (AES-NI intrinsics) is the fast choice.
        org.jitsi.srtp.crypto.Aes.setFactoryClassName("org.jitsi.srtp.crypto.Aes$SunJCECipherFactory");
    }

    private final SrtpContextFactory txFactory;
    private final SrtpContextFactory rxFactory;
    private final Object txLock = new Object();
    private final Object rxLock = new Object();
    private final BufferView txView = new BufferView();
    private final BufferView rxView = new BufferView();
    private final Map<Long, SrtpCryptoContext> txRtp = new HashMap<>();
    private final Map<Long, SrtcpCryptoContext> txRtcp = new HashMap<>();
    private final Map<Long, SrtpCryptoContext> rxRtp = new HashMap<>();
    private final Map<Long, SrtcpCryptoContext> rxRtcp = new HashMap<>();
    private final ContextCache txRtpCache = new ContextCache();
    private final ContextCache txRtcpCache = new ContextCache();
    private final ContextCache rxRtpCache = new ContextCache();
    private final ContextCache rxRtcpCache = new ContextCache();
    private final AtomicLong authFailures = new AtomicLong();
    private final AtomicLong replayDrops = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    /** Last-used context per direction, so the steady state does no map lookup or boxing. */
    private static final class ContextCache {
        long ssrc = -1;
        BaseSrtpCryptoContext ctx;
    }

    /**
     * @param outbound our keys (the ones we put in our SDP crypto line)
     * @param inbound the peer's keys (from the peer's SDP crypto line)
     */
    public SrtpSession(SrtpKeys outbound, SrtpKeys inbound) {
        SrtpPolicy rtp = policy();
        SrtpPolicy rtcp = policy();
        JitsiLogBridge log = new JitsiLogBridge(SrtpSession.class.getName() + ".jitsi");
        txFactory = new SrtpContextFactory(true, outbound.masterKey(), outbound.masterSalt(),
                rtp, rtcp, log);
        rxFactory = new SrtpContextFactory(false, inbound.masterKey(), inbound.masterSalt(),
                policy(), policy(), log);
    }

    /**
     * Loads and initialises the SRTP crypto (jitsi-srtp's native loader, AES and HMAC providers) by protecting and
     * unprotecting one packet with throw-away keys. The first packet of a process otherwise pays this, about
     * 0.5 s on an idle machine and several seconds on a loaded one: audible as silence at the start of the first
     * call. Blocking; call it on a background thread at startup. Never throws.
     */
    public static void warmUp() {
        try {
            SrtpKeys k = SrtpKeys.random(new java.security.SecureRandom());
            try (SrtpSession tx = new SrtpSession(k, k); SrtpSession rx = new SrtpSession(k, k)) {
                byte[] pkt = new byte[12 + 160 + RTCP_OVERHEAD];
                int n = RtpPacket.writeHeader(pkt, 0, false, 0, 1, 160, 0x1234) + 160;
                rx.unprotectRtp(pkt, 0, tx.protectRtp(pkt, 0, n));
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("SRTP warm-up failed: {}", e.toString());
        }
    }

    private static SrtpPolicy policy() {
        return new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, 16,
                SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, 10, 14);
    }

    /**
     * Encrypts and authenticates an RTP packet in place (RFC 3711 §3.3).
     *
     * @return the new length ({@code len + 10}), or -1 if the packet is malformed or the
     *     crypto provider failed
     */
    public int protectRtp(byte[] buf, int off, int len) {
        requireRoom(buf, off, len, RTP_OVERHEAD);
        if (RtpPacket.headerLength(buf, off, len) < 0) {
            malformed.incrementAndGet();
            return -1;
        }
        synchronized (txLock) {
            long ssrc = RtpPacket.ssrc(buf, off);
            try {
                SrtpCryptoContext ctx = rtpContext(txFactory, txRtp, txRtpCache, ssrc);
                return finish(ctx.transformPacket(point(txView, buf, off, len)), txView);
            } catch (GeneralSecurityException | RuntimeException e) {
                return failure("protect RTP", e, txView);
            }
        }
    }

    /**
     * Authenticates, replay-checks and decrypts an SRTP packet in place.
     *
     * @return the plain RTP length, or -1 (counted) on authentication failure, replay or
     *     malformed input
     */
    public int unprotectRtp(byte[] buf, int off, int len) {
        if (len < RtpPacket.FIXED_HEADER + RTP_OVERHEAD
                || RtpPacket.headerLength(buf, off, len - RTP_OVERHEAD) < 0) {
            malformed.incrementAndGet();
            return -1;
        }
        synchronized (rxLock) {
            long ssrc = RtpPacket.ssrc(buf, off);
            try {
                SrtpCryptoContext ctx = rtpContext(rxFactory, rxRtp, rxRtpCache, ssrc);
                return finish(ctx.reverseTransformPacket(point(rxView, buf, off, len), false),
                        rxView);
            } catch (GeneralSecurityException | RuntimeException e) {
                return failure("unprotect RTP", e, rxView);
            }
        }
    }

    /**
     * Encrypts an RTCP compound packet and appends E-bit|SRTCP index and tag (RFC 3711 §3.4).
     *
     * @return the new length ({@code len + 14}), or -1 on malformed input
     */
    public int protectRtcp(byte[] buf, int off, int len) {
        requireRoom(buf, off, len, RTCP_OVERHEAD);
        if (len < 8 || (buf[off] & 0xC0) != 0x80) {
            malformed.incrementAndGet();
            return -1;
        }
        synchronized (txLock) {
            long ssrc = RtpPacket.readUint32(buf, off + 4);
            try {
                SrtcpCryptoContext ctx = rtcpContext(txFactory, txRtcp, txRtcpCache, ssrc);
                return finish(ctx.transformPacket(point(txView, buf, off, len)), txView);
            } catch (GeneralSecurityException | RuntimeException e) {
                return failure("protect RTCP", e, txView);
            }
        }
    }

    /**
     * Authenticates, replay-checks and decrypts an SRTCP packet in place.
     *
     * @return the plain RTCP length, or -1 (counted) on failure
     */
    public int unprotectRtcp(byte[] buf, int off, int len) {
        if (len < 8 + RTCP_OVERHEAD || (buf[off] & 0xC0) != 0x80) {
            malformed.incrementAndGet();
            return -1;
        }
        synchronized (rxLock) {
            long ssrc = RtpPacket.readUint32(buf, off + 4);
            try {
                SrtcpCryptoContext ctx = rtcpContext(rxFactory, rxRtcp, rxRtcpCache, ssrc);
                return finish(ctx.reverseTransformPacket(point(rxView, buf, off, len)), rxView);
            } catch (GeneralSecurityException | RuntimeException e) {
                return failure("unprotect RTCP", e, rxView);
            }
        }
    }

    /** Packets rejected because the authentication tag did not verify. */
    public long authFailures() {
        return authFailures.get();
    }

    /** Packets rejected as replays or as too old for the replay window. */
    public long replayDrops() {
        return replayDrops.get();
    }

    /** Packets rejected as malformed (too short, bad header) or due to a crypto error. */
    public long malformed() {
        return malformed.get();
    }

    /** Releases the key-derivation state. Further use is not allowed. */
    @Override
    public void close() {
        synchronized (txLock) {
            txFactory.close();
        }
        synchronized (rxLock) {
            rxFactory.close();
        }
    }

    private static void requireRoom(byte[] buf, int off, int len, int overhead) {
        if (off < 0 || len < 0 || off + len + overhead > buf.length) {
            throw new IllegalArgumentException("SRTP needs " + overhead
                    + " spare bytes after the packet; array length " + buf.length);
        }
    }

    private static BufferView point(BufferView view, byte[] buf, int off, int len) {
        view.point(buf, off, len);
        return view;
    }

    private int finish(SrtpErrorStatus status, BufferView view) {
        int newLen = view.getLength();
        view.release();
        switch (status) {
            case OK:
                return newLen;
            case AUTH_FAIL:
                authFailures.incrementAndGet();
                return -1;
            case REPLAY_FAIL:
            case REPLAY_OLD:
                replayDrops.incrementAndGet();
                return -1;
            default:
                malformed.incrementAndGet();
                return -1;
        }
    }

    private int failure(String what, Exception e, BufferView view) {
        view.release();
        malformed.incrementAndGet();
        LOG.debug("SRTP {} failed", what, e);
        return -1;
    }

    private static SrtpCryptoContext rtpContext(SrtpContextFactory f,
            Map<Long, SrtpCryptoContext> map, ContextCache cache, long ssrc)
            throws GeneralSecurityException {
        if (cache.ssrc == ssrc) {
            return (SrtpCryptoContext) cache.ctx;
        }
        SrtpCryptoContext ctx = map.get(ssrc);
        if (ctx == null) {
            if (map.size() >= MAX_CONTEXTS) {
                map.clear();
            }
            ctx = f.deriveContext((int) ssrc, 0);
            map.put(ssrc, ctx);
        }
        cache.ssrc = ssrc;
        cache.ctx = ctx;
        return ctx;
    }

    private static SrtcpCryptoContext rtcpContext(SrtpContextFactory f,
            Map<Long, SrtcpCryptoContext> map, ContextCache cache, long ssrc)
            throws GeneralSecurityException {
        if (cache.ssrc == ssrc) {
            return (SrtcpCryptoContext) cache.ctx;
        }
        SrtcpCryptoContext ctx = map.get(ssrc);
        if (ctx == null) {
            if (map.size() >= MAX_CONTEXTS) {
                map.clear();
            }
            ctx = f.deriveControlContext((int) ssrc);
            map.put(ssrc, ctx);
        }
        cache.ssrc = ssrc;
        cache.ctx = ctx;
        return ctx;
    }
}
