package org.minisip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfferAnswerTest {
    private static final RtpMap OPUS = new RtpMap(111, "opus", 48000, 2);

    private static String newKey() {
        byte[] k = new byte[30];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    private final String aliceKey = newKey();
    private final String bobKey = newKey();

    private MediaCapabilities caps(String addr, int port, SrtpMode srtp, String key, RtpMap... codecs) {
        return new MediaCapabilities(addr, port, List.of(codecs), 101, 20, srtp, key, Direction.SENDRECV);
    }

    private static SessionDescription parse(String s) {
        try {
            return SessionDescription.parse(s);
        } catch (SdpParseException e) {
            throw new AssertionError(e);
        }
    }

    private static OfferAnswer.Answer.Accepted accepted(OfferAnswer.Answer a) {
        assertThat(a).isInstanceOf(OfferAnswer.Answer.Accepted.class);
        return (OfferAnswer.Answer.Accepted) a;
    }

    private static OfferAnswer.Answer.Rejected rejected(OfferAnswer.Answer a) {
        assertThat(a).isInstanceOf(OfferAnswer.Answer.Rejected.class);
        return (OfferAnswer.Answer.Rejected) a;
    }

    @Test
    void offerLayoutPerSrtpMode() {
        String off = OfferAnswer.createOffer(caps("192.0.2.1", 4000, SrtpMode.OFF, null, RtpMap.PCMU, RtpMap.PCMA), 5, 1)
                .format();
        assertThat(off).isEqualTo("v=0\r\no=minisip 5 1 IN IP4 192.0.2.1\r\ns=minisip\r\nc=IN IP4 192.0.2.1\r\n"
                + "t=0 0\r\nm=audio 4000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n");
        SessionDescription opt = OfferAnswer.createOffer(caps("192.0.2.1", 4000, SrtpMode.OPTIONAL, aliceKey, RtpMap.PCMU), 5, 1);
        assertThat(opt.media().get(0).proto()).isEqualTo("RTP/AVP");
        assertThat(opt.media().get(0).cryptos()).containsExactly(
                CryptoAttribute.of(1, CryptoAttribute.AES_CM_128_HMAC_SHA1_80, aliceKey));
        SessionDescription man = OfferAnswer.createOffer(caps("192.0.2.1", 4000, SrtpMode.MANDATORY, aliceKey, RtpMap.PCMU), 5, 1);
        assertThat(man.media().get(0).proto()).isEqualTo("RTP/SAVP");
        assertThat(man.media().get(0).cryptos()).hasSize(1);
    }

    @Test
    void answersRfc4317OfferWithOurPreferredCodecAndRejectsVideo() {
        SessionDescription offer = SdpTestFiles.sdp("rfc4317-2.1-offer.sdp");
        MediaCapabilities bob = caps("198.51.100.7", 5000, SrtpMode.OFF, null, RtpMap.PCMA, RtpMap.PCMU);
        OfferAnswer.Answer.Accepted a = accepted(OfferAnswer.answer(offer, bob, 9, 1));
        Negotiated n = a.result();
        assertThat(n.codec()).isEqualTo(RtpMap.PCMA);
        assertThat(n.telephoneEventPt()).isEqualTo(-1);
        assertThat(n.remoteRtp()).isEqualTo(InetSocketAddress.createUnresolved("host.atlanta.example.com", 49170));
        assertThat(n.srtp()).isFalse();
        assertThat(n.remoteInlineKey()).isNull();
        assertThat(n.cryptoTag()).isEqualTo(-1);
        assertThat(n.localDirection()).isEqualTo(Direction.SENDRECV);
        assertThat(n.onHold()).isFalse();
        assertThat(n.ptimeMs()).isEqualTo(20);
        SessionDescription sdp = a.sdp();
        assertThat(sdp.media()).hasSize(2);
        assertThat(sdp.media().get(0).formats()).containsExactly(8);
        assertThat(sdp.media().get(0).port()).isEqualTo(5000);
        assertThat(sdp.media().get(1).port()).isZero();
        assertThat(sdp.media().get(1).media()).isEqualTo("video");
        assertThat(sdp.connectionAddress()).isEqualTo("198.51.100.7");
        assertThat(parse(sdp.format())).isEqualTo(sdp);
    }

    @Test
    void keepsOfferersPayloadTypesAndTelephoneEvent() {
        SessionDescription offer = parse("v=0\r\no=x 1 1 IN IP4 203.0.113.5\r\ns=-\r\nc=IN IP4 203.0.113.5\r\nt=0 0\r\n"
                + "m=audio 7078 RTP/AVP 98 0 96\r\na=rtpmap:98 OPUS/48000/2\r\na=rtpmap:96 telephone-event/8000\r\n"
                + "a=fmtp:96 0-15\r\na=ptime:40\r\n");
        MediaCapabilities local = caps("192.0.2.1", 4000, SrtpMode.OFF, null, RtpMap.PCMU, OPUS);
        OfferAnswer.Answer.Accepted a = accepted(OfferAnswer.answer(offer, local, 1, 1));
        assertThat(a.result().codec()).isEqualTo(RtpMap.PCMU);
        assertThat(a.result().telephoneEventPt()).isEqualTo(96);
        assertThat(a.result().ptimeMs()).isEqualTo(40);
        assertThat(a.result().remoteRtp()).isEqualTo(new InetSocketAddress("203.0.113.5", 7078));
        MediaDescription m = a.sdp().media().get(0);
        assertThat(m.formats()).containsExactly(0, 96);
        assertThat(m.rtpMaps().get(96).encodingName()).isEqualTo("telephone-event");

        MediaCapabilities opusFirst = caps("192.0.2.1", 4000, SrtpMode.OFF, null, OPUS, RtpMap.PCMU);
        OfferAnswer.Answer.Accepted b = accepted(OfferAnswer.answer(offer, opusFirst, 1, 1));
        assertThat(b.result().codec()).isEqualTo(new RtpMap(98, "OPUS", 48000, 2));
        assertThat(b.result().telephoneEventPt()).isEqualTo(-1); // offered only at 8000 Hz
        assertThat(b.sdp().media().get(0).formats()).containsExactly(98);
    }

    @Test
    void noCommonCodecIs488() {
        SessionDescription offer = SdpTestFiles.sdp("rfc4317-2.1-offer.sdp");
        OfferAnswer.Answer.Rejected r = rejected(OfferAnswer.answer(offer,
                caps("192.0.2.1", 4000, SrtpMode.OFF, null, RtpMap.G722), 1, 1));
        assertThat(r.sipStatus()).isEqualTo(488);
        assertThat(r.reason()).isEqualTo("no common codec");
    }

    @Test
    void srtpModeMatrix() {
        MediaCapabilities aliceOff = caps("192.0.2.1", 4000, SrtpMode.OFF, null, RtpMap.PCMU);
        MediaCapabilities aliceOpt = caps("192.0.2.1", 4000, SrtpMode.OPTIONAL, aliceKey, RtpMap.PCMU);
        MediaCapabilities aliceMan = caps("192.0.2.1", 4000, SrtpMode.MANDATORY, aliceKey, RtpMap.PCMU);
        MediaCapabilities bobOff = caps("192.0.2.2", 5000, SrtpMode.OFF, null, RtpMap.PCMU);
        MediaCapabilities bobOpt = caps("192.0.2.2", 5000, SrtpMode.OPTIONAL, bobKey, RtpMap.PCMU);
        MediaCapabilities bobMan = caps("192.0.2.2", 5000, SrtpMode.MANDATORY, bobKey, RtpMap.PCMU);

        assertThat(roundTrip(aliceOff, bobOff).srtp()).isFalse();
        assertThat(roundTrip(aliceOff, bobOpt).srtp()).isFalse();
        assertThat(rejected(OfferAnswer.answer(offer(aliceOff), bobMan, 1, 1)).reason()).isEqualTo("SRTP required");

        Negotiated optOpt = roundTrip(aliceOpt, bobOpt);
        assertThat(optOpt.srtp()).isTrue();
        assertThat(optOpt.remoteInlineKey()).isEqualTo(bobKey);
        assertThat(optOpt.localInlineKey()).isEqualTo(aliceKey);
        assertThat(optOpt.cryptoTag()).isEqualTo(1);
        assertThat(roundTrip(aliceOpt, bobOff).srtp()).isFalse();
        assertThat(roundTrip(aliceOpt, bobMan).srtp()).isTrue();

        assertThat(rejected(OfferAnswer.answer(offer(aliceMan), bobOff, 1, 1)).sipStatus()).isEqualTo(488);
        assertThat(roundTrip(aliceMan, bobOpt).srtp()).isTrue();
        Negotiated manMan = roundTrip(aliceMan, bobMan);
        assertThat(manMan.srtp()).isTrue();
        assertThat(manMan.remoteInlineKey()).isEqualTo(bobKey);
    }

    private SessionDescription offer(MediaCapabilities c) {
        return OfferAnswer.createOffer(c, 1, 1);
    }

    /** Alice offers, Bob answers, Alice accepts; checks both views agree and returns Alice's. */
    private Negotiated roundTrip(MediaCapabilities alice, MediaCapabilities bob) {
        SessionDescription offer = parse(offer(alice).format());
        OfferAnswer.Answer.Accepted a = accepted(OfferAnswer.answer(offer, bob, 2, 1));
        if (a.sdp().media().get(0).isSavp() || alice.srtp() == SrtpMode.MANDATORY) {
            assertThat(a.sdp().media().get(0).proto()).isEqualTo("RTP/SAVP");
        }
        try {
            Negotiated n = OfferAnswer.acceptAnswer(offer, parse(a.sdp().format()), alice);
            assertThat(n.srtp()).isEqualTo(a.result().srtp());
            assertThat(n.codec()).isEqualTo(a.result().codec());
            assertThat(n.telephoneEventPt()).isEqualTo(101);
            assertThat(n.remoteRtp()).isEqualTo(new InetSocketAddress(bob.address(), bob.rtpPort()));
            assertThat(a.result().remoteRtp()).isEqualTo(new InetSocketAddress(alice.address(), alice.rtpPort()));
            if (n.srtp()) {
                assertThat(a.result().remoteInlineKey()).isEqualTo(n.localInlineKey());
                assertThat(a.result().localInlineKey()).isEqualTo(n.remoteInlineKey());
            }
            return n;
        } catch (OfferAnswerException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void picksUsableCryptoAndKeepsItsTag() {
        SessionDescription offer = SdpTestFiles.sdp("srtp-ipv6-offer.sdp");
        MediaCapabilities bob = new MediaCapabilities("2001:db8::2", 5000, List.of(RtpMap.PCMU, OPUS), 101, 20,
                SrtpMode.OPTIONAL, bobKey, Direction.SENDRECV);
        OfferAnswer.Answer.Accepted a = accepted(OfferAnswer.answer(offer, bob, 3, 1));
        Negotiated n = a.result();
        assertThat(n.srtp()).isTrue();
        assertThat(n.cryptoTag()).isEqualTo(2); // tag 1 has an MKI, tag 3 another suite
        assertThat(n.remoteInlineKey()).isEqualTo("WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz");
        assertThat(n.codec()).isEqualTo(RtpMap.PCMU);
        assertThat(n.ptimeMs()).isEqualTo(30);
        assertThat(n.telephoneEventPt()).isEqualTo(101);
        assertThat(n.remoteRtp()).isEqualTo(new InetSocketAddress("2001:db8::1", 5004));
        MediaDescription m = a.sdp().media().get(0);
        assertThat(m.proto()).isEqualTo("RTP/SAVP");
        assertThat(m.cryptos()).containsExactly(CryptoAttribute.of(2, CryptoAttribute.AES_CM_128_HMAC_SHA1_80, bobKey));
        assertThat(a.sdp().connectionAddressType()).isEqualTo("IP6");
        assertThat(a.sdp().format()).contains("c=IN IP6 2001:db8::2\r\n");
        assertThat(a.sdp().media().get(1).port()).isZero();
    }

    @Test
    void savpWithoutUsableCryptoIs488() {
        SessionDescription offer = parse("v=0\r\no=x 1 1 IN IP4 203.0.113.5\r\ns=-\r\nc=IN IP4 203.0.113.5\r\nt=0 0\r\n"
                + "m=audio 7078 RTP/SAVP 0\r\na=crypto:1 AES_256_CM_HMAC_SHA1_80 inline:"
                + newKey() + newKey() + "\r\n");
        OfferAnswer.Answer.Rejected r = rejected(OfferAnswer.answer(offer,
                caps("192.0.2.1", 4000, SrtpMode.OPTIONAL, aliceKey, RtpMap.PCMU), 1, 1));
        assertThat(r.reason()).contains("crypto");
    }

    @Test
    void holdDetectionAndDirection() {
        MediaCapabilities bob = caps("192.0.2.2", 5000, SrtpMode.OFF, null, RtpMap.PCMU);
        Negotiated sendonly = accepted(OfferAnswer.answer(SdpTestFiles.sdp("rfc4317-3.1-hold-offer.sdp"), bob, 1, 2))
                .result();
        assertThat(sendonly.onHold()).isTrue();
        assertThat(sendonly.localDirection()).isEqualTo(Direction.RECVONLY);

        String base = "v=0\r\no=x 1 2 IN IP4 203.0.113.5\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\nm=audio 7078 RTP/AVP 0\r\n%s";
        OfferAnswer.Answer.Accepted inactive = accepted(OfferAnswer.answer(parse(String.format(base, "203.0.113.5",
                "a=inactive\r\n")), bob, 1, 2));
        assertThat(inactive.result().onHold()).isTrue();
        assertThat(inactive.sdp().media().get(0).direction()).isEqualTo(Direction.INACTIVE);

        Negotiated oldStyle = accepted(OfferAnswer.answer(parse(String.format(base, "0.0.0.0", "")), bob, 1, 2)).result();
        assertThat(oldStyle.onHold()).isTrue();
        assertThat(oldStyle.localDirection()).isEqualTo(Direction.RECVONLY);

        Negotiated recvonly = accepted(OfferAnswer.answer(parse(String.format(base, "203.0.113.5", "a=recvonly\r\n")),
                bob, 1, 2)).result();
        assertThat(recvonly.onHold()).isFalse();
        assertThat(recvonly.localDirection()).isEqualTo(Direction.SENDONLY);

        // we hold: our sendonly offer, the answer says recvonly
        MediaCapabilities alice = caps("192.0.2.1", 4000, SrtpMode.OFF, null, RtpMap.PCMU).withDirection(Direction.SENDONLY);
        SessionDescription offer = OfferAnswer.createOffer(alice, 1, 2);
        OfferAnswer.Answer.Accepted a = accepted(OfferAnswer.answer(offer, bob, 1, 2));
        assertThat(a.sdp().media().get(0).direction()).isEqualTo(Direction.RECVONLY);
        assertThat(a.result().onHold()).isTrue();
        try {
            Negotiated n = OfferAnswer.acceptAnswer(offer, a.sdp(), alice);
            assertThat(n.localDirection()).isEqualTo(Direction.SENDONLY);
            assertThat(n.onHold()).isFalse();
        } catch (OfferAnswerException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sessionLevelDirectionApplies() {
        SessionDescription offer = parse("v=0\r\no=x 1 1 IN IP4 203.0.113.5\r\ns=-\r\nc=IN IP4 203.0.113.5\r\nt=0 0\r\n"
                + "a=sendonly\r\nm=audio 7078 RTP/AVP 0\r\n");
        Negotiated n = accepted(OfferAnswer.answer(offer, caps("192.0.2.2", 5000, SrtpMode.OFF, null, RtpMap.PCMU), 1, 1))
                .result();
        assertThat(n.onHold()).isTrue();
        assertThat(n.localDirection()).isEqualTo(Direction.RECVONLY);
    }

    @Test
    void rejectedStreamsAndTransportsAnsweredWithPortZero() {
        SessionDescription offer = parse("v=0\r\no=x 1 1 IN IP4 203.0.113.5\r\ns=-\r\nc=IN IP4 203.0.113.5\r\nt=0 0\r\n"
                + "m=audio 0 RTP/AVP 0\r\nm=audio 6000 UDP/TLS/RTP/SAVPF 111\r\nm=audio 7078 RTP/AVP 8\r\n"
                + "m=audio 7080 RTP/AVP 0\r\n");
        OfferAnswer.Answer.Accepted a = accepted(OfferAnswer.answer(offer,
                caps("192.0.2.2", 5000, SrtpMode.OFF, null, RtpMap.PCMU, RtpMap.PCMA), 1, 1));
        assertThat(a.sdp().media()).extracting(MediaDescription::port).containsExactly(0, 0, 5000, 0);
        assertThat(a.result().codec()).isEqualTo(RtpMap.PCMA);
        assertThat(a.result().remoteRtp().getPort()).isEqualTo(7078);

        SessionDescription onlyDtls = parse("v=0\r\no=x 1 1 IN IP4 203.0.113.5\r\ns=-\r\nc=IN IP4 203.0.113.5\r\n"
                + "m=audio 6000 UDP/TLS/RTP/SAVPF 111\r\n");
        assertThat(rejected(OfferAnswer.answer(onlyDtls, caps("192.0.2.2", 5000, SrtpMode.OFF, null, RtpMap.PCMU), 1, 1))
                .reason()).contains("UDP/TLS/RTP/SAVPF");
        SessionDescription noConn = parse("v=0\r\no=x 1 1 IN IP4 203.0.113.5\r\ns=-\r\nm=audio 6000 RTP/AVP 0\r\n");
        assertThat(rejected(OfferAnswer.answer(noConn, caps("192.0.2.2", 5000, SrtpMode.OFF, null, RtpMap.PCMU), 1, 1))
                .reason()).contains("connection");
    }

    @Test
    void acceptAnswerErrors() {
        MediaCapabilities alice = caps("192.0.2.1", 4000, SrtpMode.MANDATORY, aliceKey, RtpMap.PCMU);
        SessionDescription offer = OfferAnswer.createOffer(alice, 1, 1);
        String head = "v=0\r\no=y 1 1 IN IP4 192.0.2.2\r\ns=-\r\nc=IN IP4 192.0.2.2\r\nt=0 0\r\n";
        assertThatThrownBy(() -> OfferAnswer.acceptAnswer(offer, parse(head + "m=audio 0 RTP/SAVP 0\r\n"), alice))
                .isInstanceOf(OfferAnswerException.class).hasMessageContaining("rejected");
        assertThatThrownBy(() -> OfferAnswer.acceptAnswer(offer, parse(head + "m=audio 5000 RTP/AVP 0\r\n"), alice))
                .hasMessageContaining("transport");
        assertThatThrownBy(() -> OfferAnswer.acceptAnswer(offer, parse(head + "m=audio 5000 RTP/SAVP 0\r\n"), alice))
                .hasMessageContaining("SRTP required");
        assertThatThrownBy(() -> OfferAnswer.acceptAnswer(offer, parse(head + "m=audio 5000 RTP/SAVP 8\r\n"
                + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + bobKey + "\r\n"), alice))
                .hasMessageContaining("none of our codecs");
        assertThatThrownBy(() -> OfferAnswer.acceptAnswer(offer, parse(head), alice))
                .hasMessageContaining("media sections");
        assertThatThrownBy(() -> OfferAnswer.acceptAnswer(offer, parse(head + "m=audio 5000 RTP/SAVP 0\r\n"
                + "a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:" + bobKey + "\r\n"), alice))
                .hasMessageContaining("SRTP required");
    }

    @Test
    void capabilitiesValidation() {
        assertThatThrownBy(() -> caps("192.0.2.1", 4000, SrtpMode.OPTIONAL, "short", RtpMap.PCMU))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inline key");
        assertThatThrownBy(() -> caps("192.0.2.1", 0, SrtpMode.OFF, null, RtpMap.PCMU))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> caps("192.0.2.1", 4000, SrtpMode.OFF, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("codecs");
    }
}
