package org.minisip.phone.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.minisip.media.AudioSink;
import org.minisip.media.AudioSource;
import org.minisip.media.MediaParams;
import org.minisip.media.MediaSession;
import org.minisip.media.codec.AudioCodec;
import org.minisip.media.codec.CodecRegistry;
import org.minisip.media.srtp.SrtpKeys;
import org.minisip.media.srtp.SrtpSession;
import org.minisip.phone.audio.AudioBackend;
import org.minisip.sdp.Direction;
import org.minisip.sdp.MediaCapabilities;
import org.minisip.sdp.Negotiated;
import org.minisip.sdp.OfferAnswer;
import org.minisip.sdp.OfferAnswerException;
import org.minisip.sdp.RtpMap;
import org.minisip.sdp.SessionDescription;
import org.minisip.sdp.SrtpMode;

/**
 * The media side of one call: our SDP (offer or answer, RFC 3264) with SDES keys (RFC 4568) as the SRTP policy
 * asks, and the RTP session configured from each negotiation. The audio source and sink are opened once, on the
 * first negotiation that starts media, and the sink is closed with the call.
 *
 * <p>Engine thread only (the media session runs its own threads).
 */
final class CallMedia implements AutoCloseable {
    static final int TELEPHONE_EVENT_PT = 101;
    static final int PTIME_MS = 20;

    private final MediaSession session;
    private final InetAddress address;
    private final List<AudioCodec> codecs;
    private final SrtpMode srtpMode;
    /** Fixed send packet time, or 0 to send with the peer's a=ptime (else {@link #PTIME_MS}). */
    private final int ptimeMs;
    private final SrtpKeys localKeys;
    private final AudioBackend audio;
    private final Consumer<Character> onDtmf;
    private final long sessionId;
    private long version;
    private AudioSource source;
    private AudioSink sink;
    private Negotiated current;
    private boolean started;
    /** We put the call on hold: offers and answers say sendonly (inactive if the peer holds us too). */
    private boolean localHold;
    private final List<SrtpSession> srtpSessions = new ArrayList<>();
    private final java.util.Map<String, AudioCodec> streams = new java.util.HashMap<>();

    private CallMedia(MediaSession session, InetAddress address, List<AudioCodec> codecs, SrtpMode srtpMode,
                      int ptimeMs, SrtpKeys localKeys, AudioBackend audio, Consumer<Character> onDtmf, long sessionId) {
        this.session = session;
        this.address = address;
        this.codecs = codecs;
        this.srtpMode = srtpMode;
        this.ptimeMs = ptimeMs;
        this.localKeys = localKeys;
        this.audio = audio;
        this.onDtmf = onDtmf;
        this.sessionId = sessionId;
    }

    /**
     * Opens an RTP socket on {@code address} and draws fresh SRTP keys (unless SRTP is off).
     *
     * @param codecNames encoding names in preference order, each present in {@code registry}
     */
    static CallMedia open(InetAddress address, List<String> codecNames, CodecRegistry registry, SrtpMode srtp,
                          int ptimeMs, AudioBackend audio, SecureRandom random, Consumer<Character> onDtmf) throws IOException {
        List<AudioCodec> codecs = new ArrayList<>();
        for (String name : codecNames) {
            codecs.add(registry.byName(name).orElseThrow(() -> new IllegalArgumentException("unknown codec " + name)));
        }
        SrtpKeys keys = srtp == SrtpMode.OFF ? null : SrtpKeys.random(random);
        MediaSession session = MediaSession.open(address);
        return new CallMedia(session, address, List.copyOf(codecs), srtp, ptimeMs, keys, audio, onDtmf,
                (random.nextLong() & 0x3fffffffffffL) + 1);
    }

    private MediaCapabilities capabilities(Direction direction) {
        List<RtpMap> maps = new ArrayList<>();
        java.util.Map<String, String> fmtps = new java.util.HashMap<>();
        for (AudioCodec c : codecs) {
            maps.add(new RtpMap(c.payloadType(), c.encodingName(), c.clockRate(), c.sdpChannels()));
            if (c.fmtp() != null) {
                fmtps.put(c.encodingName().toUpperCase(java.util.Locale.ROOT), c.fmtp());
            }
        }
        return new MediaCapabilities(address.getHostAddress(), session.localPort(), maps, TELEPHONE_EVENT_PT,
                ptimeMs > 0 ? ptimeMs : PTIME_MS,
                srtpMode, localKeys == null ? null : localKeys.toInline(), direction, fmtps);
    }

    /**
     * A new SDP offer (initial INVITE, re-INVITE, or a re-offer when the peer sent an INVITE without SDP), with the
     * direction that matches {@link #localHold()}.
     */
    SessionDescription offer() {
        return OfferAnswer.createOffer(capabilities(localDirection()), sessionId, version++);
    }

    /** An offer for a re-INVITE that puts the call on hold ({@code hold}) or resumes it; see {@link #setLocalHold}. */
    SessionDescription offer(boolean hold) {
        return OfferAnswer.createOffer(capabilities(directionFor(hold)), sessionId, version++);
    }

    /** Whether we hold the call (as last agreed with the peer). */
    boolean localHold() {
        return localHold;
    }

    /**
     * Records the hold state the peer agreed to; applied with the answer to the re-INVITE, and used for every later
     * offer and answer (RFC 3264 §8.4: a held stream stays sendonly/inactive across re-offers until resumed).
     */
    void setLocalHold(boolean hold) {
        localHold = hold;
    }

    private Direction localDirection() {
        return directionFor(localHold);
    }

    /**
     * Hold is sendonly (RFC 6337 §5.3), or inactive when the peer holds us already (we could not receive anyway);
     * not holding is sendrecv.
     */
    private Direction directionFor(boolean hold) {
        if (!hold) {
            return Direction.SENDRECV;
        }
        boolean peerHoldsUs = current != null && current.onHold();
        return peerHoldsUs ? Direction.INACTIVE : Direction.SENDONLY;
    }

    /**
     * Checks the peer's answer to {@code offer} and applies it. Throws when the answer is unusable, including
     * "SRTP mandatory but the answer has no crypto" (the caller then reports 488 SRTP required).
     */
    Negotiated acceptAnswer(SessionDescription offer, SessionDescription answer) throws OfferAnswerException,
            IOException {
        Negotiated n = OfferAnswer.acceptAnswer(offer, answer, capabilities(offer.media().isEmpty()
                ? localDirection() : offer.directionOf(firstAudio(offer))));
        requireSrtpPolicy(n);
        apply(n);
        return n;
    }

    /**
     * Answers the peer's offer: {@link OfferAnswer.Answer.Accepted} has been applied to the media session,
     * {@link OfferAnswer.Answer.Rejected} carries the SIP status to reject the INVITE with.
     */
    OfferAnswer.Answer answer(SessionDescription offer) throws IOException {
        OfferAnswer.Answer a = OfferAnswer.answer(offer, capabilities(localDirection()), sessionId, version++);
        if (a instanceof OfferAnswer.Answer.Accepted acc) {
            if (srtpMode == SrtpMode.MANDATORY && !acc.result().srtp()) {
                return new OfferAnswer.Answer.Rejected(488, "SRTP required");
            }
            apply(acc.result());
        }
        return a;
    }

    private void requireSrtpPolicy(Negotiated n) throws OfferAnswerException {
        if (srtpMode == SrtpMode.MANDATORY && !n.srtp()) {
            throw new OfferAnswerException("SRTP required");
        }
    }

    /**
     * Configures (and on first use starts) the RTP session for a negotiation result. Each codec gets its own stream
     * instance (encoder/decoder state), kept across re-INVITEs. The audio source and sink open at the first codec's
     * rate; when a re-INVITE changes the codec, the media session converts between the rates.
     */
    void apply(Negotiated n) throws IOException {
        AudioCodec proto = codecs.stream().filter(c -> c.encodingName().equalsIgnoreCase(n.codec().encodingName()))
                .findFirst().orElseThrow(() -> new IOException("negotiated unknown codec " + n.codec()));
        AudioCodec codec = streams.computeIfAbsent(proto.encodingName().toUpperCase(java.util.Locale.ROOT),
                k -> proto.newStream());
        if (source == null) {
            source = audio.openSource(codec.sampleRate());
            sink = audio.openSink(codec.sampleRate());
        }
        SrtpSession srtp = null;
        if (n.srtp()) {
            // keep the crypto contexts (rollover counters, replay windows) when a re-INVITE keeps the keys
            boolean sameKeys = current != null && current.srtp()
                    && n.remoteInlineKey().equals(current.remoteInlineKey())
                    && n.localInlineKey().equals(current.localInlineKey());
            if (!sameKeys) {
                srtpSessions.add(new SrtpSession(SrtpKeys.fromInline(n.localInlineKey()),
                        SrtpKeys.fromInline(n.remoteInlineKey())));
            }
            srtp = srtpSessions.get(srtpSessions.size() - 1);
        }
        Direction d = n.localDirection();
        // while we hold, nobody is listening and the peer sends nothing: no audio either way (nothing into the void)
        boolean send = d.canSend() && !localHold;
        boolean receive = d.canReceive() && !localHold;
        session.configure(new MediaParams(n.remoteRtp(), codec, n.codec().payloadType(), n.telephoneEventPt(),
                ptimeMs > 0 ? ptimeMs : Math.max(10, Math.min(60, n.ptimeMs())), srtp, send, receive, source, sink,
                onDtmf));
        if (!started) {
            session.start();
            started = true;
        }
        current = n;
    }

    private static org.minisip.sdp.MediaDescription firstAudio(SessionDescription sdp) {
        return sdp.media().stream().filter(m -> m.media().equalsIgnoreCase("audio") && m.port() != 0).findFirst()
                .orElse(sdp.media().get(0));
    }

    /** Counters of the RTP session (packets, jitter buffer delay, losses). */
    org.minisip.media.MediaStats stats() {
        return session.stats();
    }

    /** The last negotiation applied, or null before the first. */
    Negotiated current() {
        return current;
    }

    /** Sends RFC 4733 events for {@code digits} (0-9, *, #, A-D) after any already queued. */
    void sendDtmf(String digits) {
        session.sendDtmf(digits);
    }

    @Override
    public void close() {
        session.close(); // also closes the sink it was configured with
        if (!started && sink != null) {
            sink.close();
        }
        if (source instanceof AutoCloseable c) {
            try {
                c.close(); // a sound device's capture line
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(CallMedia.class).debug("closing the audio source: {}", e.toString());
            }
        }
        srtpSessions.forEach(SrtpSession::close);
    }
}
