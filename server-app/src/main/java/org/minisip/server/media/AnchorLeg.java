package org.minisip.server.media;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.minisip.media.MediaParams;
import org.minisip.media.MediaSession;
import org.minisip.media.codec.AudioCodec;
import org.minisip.media.codec.CodecRegistry;
import org.minisip.media.srtp.SrtpKeys;
import org.minisip.media.srtp.SrtpSession;
import org.minisip.sdp.Direction;
import org.minisip.sdp.MediaCapabilities;
import org.minisip.sdp.Negotiated;
import org.minisip.sdp.OfferAnswer;
import org.minisip.sdp.OfferAnswerException;
import org.minisip.sdp.RtpMap;
import org.minisip.sdp.SessionDescription;
import org.minisip.sdp.SrtpMode;

/**
 * The server's end of one anchored call leg: its own RTP/SRTP session (SDES keys drawn by the server for this
 * leg alone, RFC 4568), SDP offer or answer (RFC 3264), and a {@link MixerPort} as audio source and sink. The
 * media runs on the session's own threads; the methods here are called with the owning call's monitor held.
 */
public final class AnchorLeg implements AutoCloseable {
    public static final int TELEPHONE_EVENT_PT = 101;
    public static final int PTIME_MS = 20;

    private final MediaSession session;
    private final InetAddress address;
    private final List<AudioCodec> codecs;
    private final SrtpMode srtpMode;
    private final SrtpKeys keys;
    private final long sessionId;
    private long version;
    private MixerPort port;
    private Consumer<Character> onDtmf;
    private Negotiated current;
    private SrtpSession srtp;
    private boolean started;
    private final List<SrtpSession> old = new ArrayList<>();

    private AnchorLeg(MediaSession session, InetAddress address, List<AudioCodec> codecs, SrtpMode mode,
                      SrtpKeys keys, long sessionId) {
        this.session = session;
        this.address = address;
        this.codecs = codecs;
        this.srtpMode = mode;
        this.keys = keys;
        this.sessionId = sessionId;
    }

    /**
     * Binds an RTP port pair on {@code address}. {@code srtp}: OFF, OPTIONAL (offer RTP/AVP with a=crypto, accept
     * either) or MANDATORY (RTP/SAVP only).
     */
    public static AnchorLeg open(InetAddress address, CodecRegistry registry, SrtpMode srtp, SecureRandom random)
            throws IOException {
        List<AudioCodec> codecs = registry.all().stream().filter(c -> c.sampleRate() == Mixer.RATE).toList();
        if (codecs.isEmpty()) {
            throw new IOException("no 8 kHz codec registered");
        }
        return new AnchorLeg(MediaSession.open(address), address, codecs, srtp,
                srtp == SrtpMode.OFF ? null : SrtpKeys.random(random), (random.nextLong() & 0x3fffffffffffL) + 1);
    }

    /** What a leg should require, seen from the peer's offer: SAVP → MANDATORY, otherwise OPTIONAL. */
    public static SrtpMode modeFor(SessionDescription offer) {
        return offer.media().stream().anyMatch(m -> m.media().equals("audio") && m.isSavp())
                ? SrtpMode.MANDATORY : SrtpMode.OPTIONAL;
    }

    private MediaCapabilities capabilities() {
        List<RtpMap> maps = new ArrayList<>();
        for (AudioCodec c : codecs) {
            maps.add(new RtpMap(c.payloadType(), c.encodingName(), c.clockRate(), 1));
        }
        return new MediaCapabilities(address.getHostAddress(), session.localPort(), maps, TELEPHONE_EVENT_PT,
                PTIME_MS, srtpMode, keys == null ? null : keys.toInline(), Direction.SENDRECV);
    }

    /** Connects the leg's audio to a mixer port; {@code dtmf} (may be null) hears RFC 4733 digits. */
    public void attach(MixerPort p, Consumer<Character> dtmf) throws IOException {
        this.port = p;
        this.onDtmf = dtmf;
        if (current != null) {
            apply(current);
        }
    }

    /** An SDP offer from the server (toward a callee). */
    public SessionDescription offer() {
        return OfferAnswer.createOffer(capabilities(), sessionId, version++);
    }

    /** Applies the peer's answer to {@code offer}; throws when unusable. */
    public Negotiated acceptAnswer(SessionDescription offer, SessionDescription answer)
            throws OfferAnswerException, IOException {
        Negotiated n = OfferAnswer.acceptAnswer(offer, answer, capabilities());
        apply(n);
        return n;
    }

    /** Answers the peer's offer (initial or re-INVITE); Accepted results are applied. */
    public OfferAnswer.Answer answer(SessionDescription offer) throws IOException {
        OfferAnswer.Answer a = OfferAnswer.answer(offer, capabilities(), sessionId, version++);
        if (a instanceof OfferAnswer.Answer.Accepted acc) {
            apply(acc.result());
        }
        return a;
    }

    private void apply(Negotiated n) throws IOException {
        current = n;
        if (port == null) {
            return;
        }
        AudioCodec codec = codecs.stream().filter(c -> c.encodingName().equalsIgnoreCase(n.codec().encodingName()))
                .findFirst().orElseThrow(() -> new IOException("negotiated unknown codec " + n.codec()));
        if (n.srtp()) {
            SrtpKeys local = SrtpKeys.fromInline(n.localInlineKey());
            SrtpKeys remote = SrtpKeys.fromInline(n.remoteInlineKey());
            if (srtp == null || !sameKeys(n)) {
                if (srtp != null) {
                    old.add(srtp);
                }
                srtp = new SrtpSession(local, remote);
            }
        }
        Direction d = n.localDirection();
        boolean send = (d == Direction.SENDRECV || d == Direction.SENDONLY) && n.remoteRtp() != null;
        boolean receive = d == Direction.SENDRECV || d == Direction.RECVONLY;
        session.configure(new MediaParams(n.remoteRtp(), codec, n.codec().payloadType(), n.telephoneEventPt(),
                Math.max(10, Math.min(60, n.ptimeMs())), n.srtp() ? srtp : null, send, receive, port.source(),
                port.sink(), onDtmf));
        if (!started) {
            session.start();
            started = true;
        }
        lastApplied = n;
    }

    private Negotiated lastApplied;

    private boolean sameKeys(Negotiated n) {
        return lastApplied != null && lastApplied.srtp() && n.remoteInlineKey().equals(lastApplied.remoteInlineKey())
                && n.localInlineKey().equals(lastApplied.localInlineKey());
    }

    public int localPort() {
        return session.localPort();
    }

    public org.minisip.media.MediaStats stats() {
        return session.stats();
    }

    @Override
    public void close() {
        session.close();
        if (srtp != null) {
            srtp.close();
        }
        old.forEach(SrtpSession::close);
    }
}
