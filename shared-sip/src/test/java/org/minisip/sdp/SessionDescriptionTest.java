package org.minisip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SessionDescriptionTest {

    @ParameterizedTest
    @ValueSource(strings = {"rfc4317-2.1-offer.sdp", "rfc4317-2.1-answer.sdp", "rfc4317-2.2-answer.sdp",
            "rfc4317-2.4-offer.sdp", "rfc4317-2.4-answer.sdp", "rfc4317-3.1-hold-offer.sdp",
            "rfc4566-5-example.sdp", "srtp-ipv6-offer.sdp"})
    void formatReproducesCanonicalInput(String file) throws Exception {
        String text = SdpTestFiles.text(file);
        SessionDescription sdp = SessionDescription.parse(text);
        assertThat(sdp.format()).isEqualTo(text);
        assertThat(SessionDescription.parse(sdp.format())).isEqualTo(sdp);
        assertThat(sdp.toBuilder().build()).isEqualTo(sdp);
    }

    @Test
    void rfc4317OfferFields() {
        SessionDescription sdp = SdpTestFiles.sdp("rfc4317-2.1-offer.sdp");
        assertThat(sdp.originUsername()).isEqualTo("alice");
        assertThat(sdp.sessId()).isEqualTo("2890844526");
        assertThat(sdp.sessVersion()).isEqualTo("2890844526");
        assertThat(sdp.originAddress()).isEqualTo("host.atlanta.example.com");
        assertThat(sdp.originAddressType()).isEqualTo("IP4");
        assertThat(sdp.sessionName()).isEmpty();
        assertThat(sdp.connectionAddress()).isEqualTo("host.atlanta.example.com");
        assertThat(sdp.media()).hasSize(2);
        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.media()).isEqualTo("audio");
        assertThat(audio.port()).isEqualTo(49170);
        assertThat(audio.proto()).isEqualTo("RTP/AVP");
        assertThat(audio.formats()).containsExactly(0, 8, 97);
        assertThat(audio.rtpMaps().get(97)).isEqualTo(new RtpMap(97, "iLBC", 8000, 1));
        assertThat(audio.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(audio.declaredDirection()).isNull();
        assertThat(audio.connectionAddress()).isNull();
        assertThat(sdp.connectionAddressOf(audio)).isEqualTo("host.atlanta.example.com");
        assertThat(sdp.media().get(1).rtpMaps().get(32).clockRate()).isEqualTo(90000);
    }

    @Test
    void sessionLevelDirectionAndMulticastConnection() {
        SessionDescription sdp = SdpTestFiles.sdp("rfc4566-5-example.sdp");
        assertThat(sdp.direction()).isEqualTo(Direction.RECVONLY);
        assertThat(sdp.directionOf(sdp.media().get(0))).isEqualTo(Direction.RECVONLY);
        assertThat(sdp.connectionAddress()).isEqualTo("224.2.17.12");
        assertThat(sdp.otherLines()).containsExactly("i=A Seminar on the session description protocol",
                "u=http://www.example.com/seminars/sdp.pdf", "e=j.doe@example.com (Jane Doe)");
        assertThat(sdp.timing()).containsExactly("t=2873397496 2873404696");
        assertThat(sdp.media().get(0).formats()).containsExactly(0);
        assertThat(sdp.media().get(0).rtpMaps()).isEmpty();
        assertThat(sdp.media().get(0).rtpMapOrStatic(0)).isEqualTo(RtpMap.PCMU);
    }

    @Test
    void srtpIpv6Fields() {
        SessionDescription sdp = SdpTestFiles.sdp("srtp-ipv6-offer.sdp");
        assertThat(sdp.connectionAddressType()).isEqualTo("IP6");
        assertThat(sdp.connectionAddress()).isEqualTo("2001:db8::1");
        MediaDescription m = sdp.media().get(0);
        assertThat(m.isSavp()).isTrue();
        assertThat(m.rtpMaps().get(96)).isEqualTo(new RtpMap(96, "opus", 48000, 2));
        assertThat(m.fmtp(96)).isEqualTo("useinbandfec=1");
        assertThat(m.fmtp(101)).isEqualTo("0-15");
        assertThat(m.fmtp(0)).isNull();
        assertThat(m.ptime()).isEqualTo(30);
        assertThat(m.cryptos()).hasSize(3);
        CryptoAttribute c1 = m.cryptos().get(0);
        assertThat(c1.tag()).isEqualTo(1);
        assertThat(c1.inlineKey()).isEqualTo("WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz");
        assertThat(c1.hasMki()).isTrue();
        assertThat(m.cryptos().get(1).hasMki()).isFalse();
        assertThat(m.cryptos().get(2).sessionParams()).isEqualTo("KDR=1");
        assertThat(m.otherAttributes()).containsExactly("rtcp:5005");
        assertThat(m.otherLines()).containsExactly("b=AS:64");
        assertThat(m.declaredDirection()).isEqualTo(Direction.SENDRECV);
        assertThat(sdp.media().get(1).port()).isZero();
    }

    @Test
    void acceptsLfLineEndsBlankLinesMissingTimingAndMediaConnection() throws Exception {
        SessionDescription sdp = SessionDescription.parse(
                "v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\n\nm=audio 4000/2 RTP/AVP 0\nc=IN IP4 10.0.0.2\na=inactive\n\n");
        MediaDescription m = sdp.media().get(0);
        assertThat(m.connectionAddress()).isEqualTo("10.0.0.2");
        assertThat(m.portCount()).isEqualTo(2);
        assertThat(m.direction()).isEqualTo(Direction.INACTIVE);
        assertThat(sdp.connectionAddress()).isNull();
        assertThat(sdp.format()).isEqualTo("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "m=audio 4000/2 RTP/AVP 0\r\nc=IN IP4 10.0.0.2\r\na=inactive\r\n");
    }

    @Test
    void malformedCryptoIsKeptAsPlainAttribute() throws Exception {
        SessionDescription sdp = SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\n"
                + "m=audio 4000 RTP/SAVP 0\r\na=crypto:x AES_CM_128_HMAC_SHA1_80 inline:abc\r\n");
        assertThat(sdp.media().get(0).cryptos()).isEmpty();
        assertThat(sdp.media().get(0).otherAttributes()).containsExactly("crypto:x AES_CM_128_HMAC_SHA1_80 inline:abc");
    }

    @Test
    void builderProducesParseableSdp() throws Exception {
        SessionDescription sdp = SessionDescription.builder().origin("me", 42L, 7L, "::1").sessionName("call")
                .connectionAddress("::1")
                .addMedia(MediaDescription.builder("audio", 6000, "RTP/AVP").codec(RtpMap.PCMA)
                        .codec(new RtpMap(101, "telephone-event", 8000)).fmtp(101, "0-16").ptime(20)
                        .direction(Direction.SENDONLY).attribute("rtcp-mux").build())
                .build();
        String text = sdp.format();
        assertThat(text).contains("o=me 42 7 IN IP6 ::1\r\n", "c=IN IP6 ::1\r\n", "m=audio 6000 RTP/AVP 8 101\r\n",
                "a=rtpmap:8 PCMA/8000\r\n", "a=fmtp:101 0-16\r\n", "a=ptime:20\r\n", "a=rtcp-mux\r\n",
                "a=sendonly\r\n");
        assertThat(SessionDescription.parse(text)).isEqualTo(sdp);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "garbage", "hello world\r\n", "v=1\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\n",
            "o=- 1 1 IN IP4 1.2.3.4\r\nv=0\r\ns=-\r\n", "v=0\r\ns=-\r\n", "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\n",
            "v=0\r\no=- 1 1 IN IP4\r\ns=-\r\n", "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nm=audio\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nm=audio 70000 RTP/AVP 0\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nm=audio x RTP/AVP 0\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nm=audio 4000 RTP/AVP 96\r\na=rtpmap:96 opus\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nm=audio 4000 RTP/AVP 0\r\na=ptime:abc\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nx=unknown\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nm=audio 4000 RTP/AVP 0\r\nt=0 0\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\ns=again\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\u0000\r\n",
            "v=0\r\nm=audio 4000 RTP/AVP 0\r\n"})
    void rejectsMalformedInputWithClearMessage(String text) {
        assertThatThrownBy(() -> SessionDescription.parse(text)).isInstanceOf(SdpParseException.class)
                .hasMessageStartingWith("SDP");
    }

    @Test
    void errorMessagesNameTheLine() {
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nbogus line\r\n"))
                .isInstanceOf(SdpParseException.class)
                .hasMessage("SDP line 4: expected '<type>=<value>', got 'bogus line'")
                .satisfies(e -> assertThat(((SdpParseException) e).line()).isEqualTo(4));
        assertThatThrownBy(() -> SessionDescription.parse(null)).hasMessage("SDP: no SDP body");
    }

    @Test
    void rejectsOversizeInput() {
        String big = "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\n" + "a=x\r\n".repeat(4000);
        assertThatThrownBy(() -> SessionDescription.parse(big)).isInstanceOf(SdpParseException.class)
                .hasMessageContaining("exceeds the limit of 16384");
    }

    @Test
    void cryptoAttributeParseAndFormat() {
        CryptoAttribute c = CryptoAttribute.parse(
                "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32 FEC_ORDER=FEC_SRTP");
        assertThat(c.tag()).isEqualTo(1);
        assertThat(c.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
        assertThat(c.keyParams()).isEqualTo("inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32");
        assertThat(c.sessionParams()).isEqualTo("FEC_ORDER=FEC_SRTP");
        assertThat(c.inlineKey()).isEqualTo("PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR");
        assertThat(c.hasMki()).isTrue();
        assertThat(c.format()).isEqualTo(
                "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32 FEC_ORDER=FEC_SRTP");
        assertThat(CryptoAttribute.of(2, "AES_CM_128_HMAC_SHA1_80", "abc").format())
                .isEqualTo("2 AES_CM_128_HMAC_SHA1_80 inline:abc");
        assertThatThrownBy(() -> CryptoAttribute.parse("1 AES_CM_128_HMAC_SHA1_80")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CryptoAttribute.parse("a AES_CM_128_HMAC_SHA1_80 inline:x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CryptoAttribute.parse("1 AES_CM_128_HMAC_SHA1_80 key:x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rtpMapAndDirectionHelpers() {
        assertThat(RtpMap.parse("96 opus/48000/2")).isEqualTo(new RtpMap(96, "opus", 48000, 2));
        assertThat(RtpMap.parse("96 opus/48000/2").format()).isEqualTo("96 opus/48000/2");
        assertThat(RtpMap.parse("0 pcmu/8000").sameCodec(RtpMap.PCMU)).isTrue();
        assertThatThrownBy(() -> RtpMap.parse("200 x/8000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtpMap.parse("96 x/abc")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Direction.SENDONLY.reverse()).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.RECVONLY.reverse()).isEqualTo(Direction.SENDONLY);
        assertThat(Direction.INACTIVE.reverse()).isEqualTo(Direction.INACTIVE);
        assertThat(Direction.SENDRECV.reverse()).isEqualTo(Direction.SENDRECV);
        assertThat(Direction.SENDRECV.intersect(Direction.SENDONLY)).isEqualTo(Direction.SENDONLY);
        assertThat(Direction.RECVONLY.intersect(Direction.SENDONLY)).isEqualTo(Direction.INACTIVE);
        assertThat(Direction.SENDONLY.attribute()).isEqualTo("sendonly");
        assertThat(Direction.fromAttribute("RecvOnly")).contains(Direction.RECVONLY);
    }
}
