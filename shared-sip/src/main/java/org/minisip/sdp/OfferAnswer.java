package org.minisip.sdp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * RFC 3264 offer/answer for one audio stream, with RFC 4733 telephone-event and RFC 4568 SDES-SRTP.
 *
 * <p>Rules: the codec is the first one in OUR preference order that the offer contains (matched by encoding
 * name and clock rate ignoring case; static payload types such as 0 and 8 match without rtpmap); an answer
 * keeps the offerer's payload type numbers and lists only the chosen codec plus telephone-event.
 * Telephone-event is negotiated when both sides have it at the codec's clock rate. SRTP uses the first usable
 * {@code AES_CM_128_HMAC_SHA1_80} crypto line (single inline key, no MKI, no session parameters); lifetimes
 * are not enforced. Only the first acceptable {@code audio} section with RTP/AVP or RTP/SAVP is used; every
 * other section is answered with port 0 (RFC 3264 §6). Hold (RFC 3264 §8.4) is sendonly/inactive or the
 * RFC 2543 {@code c=0.0.0.0}.
 *
 * <p>Stateless and thread-safe; no DNS look-ups (host names in {@code c=} give unresolved addresses).
 */
public final class OfferAnswer {
    /** Result of {@link #answer}. */
    public sealed interface Answer {
        /** The offer is acceptable: send {@code sdp} in the 200 OK (or ACK). */
        record Accepted(SessionDescription sdp, Negotiated result) implements Answer {
        }

        /** The offer is not acceptable: answer the request with {@code sipStatus} (488). */
        record Rejected(int sipStatus, String reason) implements Answer {
        }
    }

    /** SIP status for an unacceptable offer (RFC 3261 §21.4.26). */
    public static final int NOT_ACCEPTABLE_HERE = 488;

    private static final String AVP = "RTP/AVP";
    private static final String SAVP = "RTP/SAVP";
    private static final String TELEPHONE_EVENT_FMTP = "0-16";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private OfferAnswer() {
    }

    /**
     * Our offer: one audio section with our codecs in preference order, telephone-event/8000, ptime and the
     * direction; SRTP OFF gives RTP/AVP, OPTIONAL gives RTP/AVP plus {@code a=crypto}, MANDATORY gives RTP/SAVP
     * plus {@code a=crypto} (tag 1).
     */
    public static SessionDescription createOffer(MediaCapabilities local, long sessionId, long version) {
        MediaDescription.Builder m = MediaDescription.builder("audio", local.rtpPort(),
                local.srtp() == SrtpMode.MANDATORY ? SAVP : AVP);
        java.util.Set<Integer> used = new java.util.HashSet<>();
        java.util.Set<Integer> rates = new java.util.LinkedHashSet<>();
        rates.add(8000);
        for (RtpMap c : local.codecs()) {
            m.codec(c);
            used.add(c.payloadType());
            rates.add(c.clockRate());
            String f = local.fmtpOf(c);
            if (f != null) {
                m.fmtp(c.payloadType(), f);
            }
        }
        if (local.telephoneEventPt() >= 0) {
            // one telephone-event per audio clock rate (RFC 4733 §2.1: events use the audio stream's clock)
            int pt = local.telephoneEventPt();
            for (int rate : rates) {
                while (used.contains(pt) && pt < 127) {
                    pt++;
                }
                if (rate == 8000 || local.codecs().stream().anyMatch(c -> c.clockRate() == rate)) {
                    m.codec(new RtpMap(pt, "telephone-event", rate));
                    m.fmtp(pt, TELEPHONE_EVENT_FMTP);
                    used.add(pt);
                }
            }
        }
        m.ptime(local.ptimeMs());
        if (local.srtp() != SrtpMode.OFF) {
            m.crypto(CryptoAttribute.of(1, CryptoAttribute.AES_CM_128_HMAC_SHA1_80, local.localSrtpInlineKey()));
        }
        m.direction(local.direction());
        return session(local, sessionId, version).addMedia(m.build()).build();
    }

    /** Answers a remote offer, or says why it must be refused with 488. */
    public static Answer answer(SessionDescription offer, MediaCapabilities local, long sessionId, long version) {
        SessionDescription.Builder out = session(local, sessionId, version);
        Negotiated result = null;
        String reason = "no audio stream offered";
        for (MediaDescription m : offer.media()) {
            if (result == null && m.port() != 0 && m.media().equalsIgnoreCase("audio")) {
                if (!m.proto().equalsIgnoreCase(AVP) && !m.proto().equalsIgnoreCase(SAVP)) {
                    reason = "unsupported transport " + m.proto();
                } else {
                    Attempt a = negotiate(offer, m, local);
                    if (a.reason == null) {
                        out.addMedia(a.media);
                        result = a.result;
                        continue;
                    }
                    reason = a.reason;
                }
            }
            out.addMedia(rejected(m));
        }
        if (result == null) {
            return new Answer.Rejected(NOT_ACCEPTABLE_HERE, reason);
        }
        return new Answer.Accepted(out.build(), result);
    }

    /**
     * Applies the remote answer to the offer we sent.
     *
     * @throws OfferAnswerException if the answer rejects the audio stream, does not match the offer, names
     *                              no codec we offered, or lacks the SRTP keying our offer required
     */
    public static Negotiated acceptAnswer(SessionDescription offerWeSent, SessionDescription answer,
                                          MediaCapabilities local) throws OfferAnswerException {
        List<MediaDescription> om = offerWeSent.media();
        List<MediaDescription> am = answer.media();
        if (om.size() != am.size()) {
            throw new OfferAnswerException("answer has " + am.size() + " media sections, the offer had " + om.size());
        }
        int idx = -1;
        for (int i = 0; i < om.size() && idx < 0; i++) {
            if (om.get(i).port() != 0 && om.get(i).media().equalsIgnoreCase("audio")) {
                idx = i;
            }
        }
        if (idx < 0) {
            throw new OfferAnswerException("the offer had no active audio stream");
        }
        MediaDescription o = om.get(idx);
        MediaDescription a = am.get(idx);
        if (!a.media().equalsIgnoreCase("audio")) {
            throw new OfferAnswerException("answer has media '" + a.media() + "' where audio was offered");
        }
        if (a.port() == 0) {
            throw new OfferAnswerException("the answerer rejected the audio stream (port 0)");
        }
        if (!a.proto().equalsIgnoreCase(o.proto())) {
            throw new OfferAnswerException("answer transport " + a.proto() + " differs from offered " + o.proto());
        }
        Connection c = answer.connectionOf(a);
        if (c == null) {
            throw new OfferAnswerException("answer has no connection address for audio");
        }
        RtpMap codec = null;
        for (int pt : a.formats()) {
            RtpMap r = a.rtpMapOrStatic(pt);
            if (r == null) {
                r = o.rtpMapOrStatic(pt);
            }
            if (r != null && !r.isTelephoneEvent() && local.codecs().stream().anyMatch(r::sameCodec)) {
                codec = r;
                break;
            }
        }
        if (codec == null) {
            throw new OfferAnswerException("answer " + a.formats() + " contains none of our codecs");
        }
        int te = local.telephoneEventPt() >= 0 ? telephoneEvent(a, o, codec.clockRate()) : -1;

        boolean srtp = false;
        CryptoAttribute mine = null;
        CryptoAttribute theirs = null;
        if (local.srtp() != SrtpMode.OFF) {
            for (CryptoAttribute ac : a.cryptos()) {
                for (CryptoAttribute oc : o.cryptos()) {
                    if (theirs == null && ac.tag() == oc.tag() && ac.suite().equalsIgnoreCase(oc.suite())
                            && usable(ac)) {
                        theirs = ac;
                        mine = oc;
                    }
                }
            }
            if (theirs != null) {
                srtp = true;
            } else if (o.isSavp() || local.srtp() == SrtpMode.MANDATORY) {
                throw new OfferAnswerException("SRTP required but the answer has no usable matching a=crypto");
            } else if (!a.cryptos().isEmpty()) {
                throw new OfferAnswerException("answer a=crypto matches no offered crypto line");
            }
        }
        Direction offered = offerWeSent.directionOf(o);
        Direction answered = answer.directionOf(a);
        Direction ours = answered.reverse().intersect(local.direction());
        if (c.isUnspecified()) {
            ours = ours.intersect(Direction.RECVONLY);
        }
        boolean hold = c.isUnspecified() || offered.canSend() && !answered.canReceive();
        int ptime = a.ptime() != null ? a.ptime() : local.ptimeMs();
        return new Negotiated(socketAddress(c.address(), a.port()), codec, te, ptime, srtp,
                srtp ? theirs.inlineKey() : null, srtp ? mine.inlineKey() : null, srtp ? theirs.tag() : -1,
                ours, hold);
    }

    private record Attempt(MediaDescription media, Negotiated result, String reason) {
        static Attempt fail(String reason) {
            return new Attempt(null, null, reason);
        }
    }

    private static Attempt negotiate(SessionDescription offer, MediaDescription m, MediaCapabilities local) {
        Connection c = offer.connectionOf(m);
        if (c == null) {
            return Attempt.fail("no connection address for audio");
        }
        RtpMap chosen = null;
        for (RtpMap mine : local.codecs()) {
            for (int pt : m.formats()) {
                RtpMap theirs = m.rtpMapOrStatic(pt);
                if (chosen == null && theirs != null && !theirs.isTelephoneEvent() && theirs.sameCodec(mine)) {
                    chosen = theirs;
                }
            }
        }
        if (chosen == null) {
            return Attempt.fail("no common codec");
        }
        int te = local.telephoneEventPt() >= 0 ? telephoneEvent(m, m, chosen.clockRate()) : -1;

        CryptoAttribute crypto = m.cryptos().stream().filter(OfferAnswer::usable).findFirst().orElse(null);
        if (m.isSavp() && local.srtp() == SrtpMode.OFF) {
            return Attempt.fail("SRTP (RTP/SAVP) offered but not enabled here");
        }
        if (m.isSavp() && crypto == null) {
            return Attempt.fail("no supported SRTP crypto suite offered");
        }
        if (crypto == null && local.srtp() == SrtpMode.MANDATORY) {
            return Attempt.fail("SRTP required");
        }
        boolean srtp = crypto != null && local.srtp() != SrtpMode.OFF;

        Direction offered = offer.directionOf(m);
        Direction ours = offered.reverse().intersect(local.direction());
        if (c.isUnspecified()) {
            ours = ours.intersect(Direction.RECVONLY);
        }
        boolean hold = !offered.canReceive() || c.isUnspecified();

        MediaDescription.Builder b = MediaDescription.builder("audio", local.rtpPort(), m.proto()).codec(chosen);
        RtpMap mine = chosen;
        String codecFmtp = local.codecs().stream().filter(mine::sameCodec).findFirst().map(local::fmtpOf)
                .orElse(null);
        if (codecFmtp != null) {
            b.fmtp(chosen.payloadType(), codecFmtp);
        }
        if (te >= 0) {
            b.codec(m.rtpMaps().get(te)).fmtp(te, TELEPHONE_EVENT_FMTP);
        }
        b.ptime(local.ptimeMs());
        if (srtp) {
            b.crypto(CryptoAttribute.of(crypto.tag(), crypto.suite(), local.localSrtpInlineKey()));
        }
        b.direction(ours);
        int ptime = m.ptime() != null ? m.ptime() : local.ptimeMs();
        Negotiated n = new Negotiated(socketAddress(c.address(), m.port()), chosen, te, ptime, srtp,
                srtp ? crypto.inlineKey() : null, srtp ? local.localSrtpInlineKey() : null,
                srtp ? crypto.tag() : -1, ours, hold);
        return new Attempt(b.build(), n, null);
    }

    /** A usable SDES line: our suite, one valid 30-byte inline key, no MKI, no session parameters. */
    static boolean usable(CryptoAttribute c) {
        return c.suite().equalsIgnoreCase(CryptoAttribute.AES_CM_128_HMAC_SHA1_80) && c.sessionParams().isEmpty()
                && !c.hasMki() && !c.hasMultipleKeys() && MediaCapabilities.isValidKey(c.inlineKey());
    }

    /** PT of telephone-event at {@code clockRate} in {@code m} (rtpmap looked up in m, then in fallback). */
    private static int telephoneEvent(MediaDescription m, MediaDescription fallback, int clockRate) {
        for (int pt : m.formats()) {
            RtpMap r = m.rtpMaps().get(pt);
            if (r == null) {
                r = fallback.rtpMaps().get(pt);
            }
            if (r != null && r.isTelephoneEvent() && r.clockRate() == clockRate) {
                return pt;
            }
        }
        return -1;
    }

    private static MediaDescription rejected(MediaDescription m) {
        MediaDescription.Builder b = MediaDescription.builder(m.media(), 0, m.proto());
        if (m.formatTokens().isEmpty()) {
            b.format("0");
        } else {
            m.formatTokens().forEach(b::format);
        }
        return b.build();
    }

    private static SessionDescription.Builder session(MediaCapabilities local, long sessionId, long version) {
        return SessionDescription.builder().origin("minisip", sessionId, version, local.address())
                .sessionName("minisip").connectionAddress(local.address());
    }

    /** IP literals become resolved addresses without DNS; anything else stays unresolved. */
    static InetSocketAddress socketAddress(String host, int port) {
        if (IPV4.matcher(host).matches() || IPV6.matcher(host).matches()) {
            try {
                return new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (UnknownHostException e) {
                // not a valid literal after all: fall through
            }
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
