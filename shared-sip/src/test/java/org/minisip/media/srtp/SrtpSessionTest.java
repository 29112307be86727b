package org.minisip.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.minisip.media.srtp.SrtpReference.hex;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.minisip.media.rtp.RtpPacket;

class SrtpSessionTest {

    private static final byte[] B3_KEY = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] B3_SALT = hex("0EC675AD498AFEEBB6960B3AABE6");

    /** RFC 3711 Appendix B.2: AES-CM keystream segments. */
    @Test
    void appendixB2KeystreamMatchesReference() throws Exception {
        byte[] key = hex("2B7E151628AED2A6ABF7158809CF4F3C");
        byte[] salt = hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD");
        byte[] ks = SrtpReference.aesCm(key, SrtpReference.iv(salt, 0, 0), new byte[0xFF02 * 16]);
        assertThat(block(ks, 0)).isEqualTo(hex("E03EAD0935C95E80E166B16DD92B4EB4"));
        assertThat(block(ks, 1)).isEqualTo(hex("D23513162B02D0F72A43A2FE4A5F97AB"));
        assertThat(block(ks, 2)).isEqualTo(hex("41E95B3BB0A2E8DD477901E4FCA894C0"));
        assertThat(block(ks, 0xFEFF)).isEqualTo(hex("EC8CDF7398607CB0F2D21675EA9EA1E4"));
        assertThat(block(ks, 0xFF00)).isEqualTo(hex("362B7C3C6773516318A077D7FC5073AE"));
        assertThat(block(ks, 0xFF01)).isEqualTo(hex("6A2CC3787889374FBEB4C81B17BA6C44"));
    }

    /** RFC 3711 Appendix B.3: session key derivation. */
    @Test
    void appendixB3KeyDerivation() throws Exception {
        assertThat(SrtpReference.kdf(B3_KEY, B3_SALT, 0, 16))
                .isEqualTo(hex("C61E7A93744F39EE10734AFE3FF7A087"));
        assertThat(SrtpReference.kdf(B3_KEY, B3_SALT, 2, 14))
                .isEqualTo(hex("30CBBC08863D8C85D49DB34A9AE1"));
        assertThat(SrtpReference.kdf(B3_KEY, B3_SALT, 1, 94)).startsWith(hex(
                "CEBE321F6FF7716B6FD4AB49AF256A156D38BAA48F0A0ACF3C34E2359E6CDBCE"
                + "E049646C43D9327AD175578EF72270986371C10C9A369AC2F94A8C5FBCDDDC25"
                + "6D6E919A48B610EF17C2041E474035766B68642C59BBFC2F34DB60DBDFB2"));
    }

    /** jitsi-srtp's SRTP output with the B.3 master key equals the javax.crypto reference. */
    @Test
    void protectRtpMatchesIndependentReference() throws Exception {
        SrtpKeys keys = new SrtpKeys(B3_KEY, B3_SALT);
        SrtpSession s = new SrtpSession(keys, keys);
        byte[] pkt = rtp(1234, 0xCAFEBABEL, 160);
        byte[] plain = Arrays.copyOf(pkt, 172);
        int len = s.protectRtp(pkt, 0, 172);
        assertThat(len).isEqualTo(182);

        byte[] ek = SrtpReference.kdf(B3_KEY, B3_SALT, 0, 16);
        byte[] ak = SrtpReference.kdf(B3_KEY, B3_SALT, 1, 20);
        byte[] es = SrtpReference.kdf(B3_KEY, B3_SALT, 2, 14);
        byte[] enc = SrtpReference.aesCm(ek, SrtpReference.iv(es, 0xCAFEBABEL, 1234),
                Arrays.copyOfRange(plain, 12, 172));
        byte[] expected = new byte[182];
        System.arraycopy(plain, 0, expected, 0, 12);
        System.arraycopy(enc, 0, expected, 12, 160);
        byte[] tag = SrtpReference.hmac80(ak, Arrays.copyOf(expected, 172), new byte[4]);
        System.arraycopy(tag, 0, expected, 172, 10);
        assertThat(Arrays.copyOf(pkt, 182)).isEqualTo(expected);
    }

    /** SRTCP (RFC 3711 §3.4): E bit + index appended, labels 3/4/5, checked independently. */
    @Test
    void protectRtcpMatchesIndependentReference() throws Exception {
        SrtpKeys keys = new SrtpKeys(B3_KEY, B3_SALT);
        SrtpSession s = new SrtpSession(keys, keys);
        byte[] pkt = rtcpReceiverReport(0x11223344L);
        byte[] plain = Arrays.copyOf(pkt, 32);
        int len = s.protectRtcp(pkt, 0, 32);
        assertThat(len).isEqualTo(32 + 14);
        long eIndex = RtpPacket.readUint32(pkt, 32);
        assertThat(eIndex & 0x80000000L).as("E bit").isNotZero();
        long index = eIndex & 0x7FFFFFFFL;

        byte[] ek = SrtpReference.kdf(B3_KEY, B3_SALT, 3, 16);
        byte[] ak = SrtpReference.kdf(B3_KEY, B3_SALT, 4, 20);
        byte[] es = SrtpReference.kdf(B3_KEY, B3_SALT, 5, 14);
        byte[] enc = SrtpReference.aesCm(ek, SrtpReference.iv(es, 0x11223344L, index),
                Arrays.copyOfRange(plain, 8, 32));
        assertThat(Arrays.copyOfRange(pkt, 0, 8)).isEqualTo(Arrays.copyOf(plain, 8));
        assertThat(Arrays.copyOfRange(pkt, 8, 32)).isEqualTo(enc);
        byte[] tag = SrtpReference.hmac80(ak, Arrays.copyOf(pkt, 36));
        assertThat(Arrays.copyOfRange(pkt, 36, 46)).isEqualTo(tag);
    }

    @Test
    void rtpRoundTripTamperAndReplay() {
        SecureRandom rng = new SecureRandom();
        SrtpKeys a = SrtpKeys.random(rng);
        SrtpKeys b = SrtpKeys.random(rng);
        SrtpSession alice = new SrtpSession(a, b);
        SrtpSession bob = new SrtpSession(b, a);
        for (int seq = 65530; seq < 65540; seq++) { // crosses the ROC boundary
            byte[] pkt = rtp(seq & 0xFFFF, 42, 160);
            byte[] plain = Arrays.copyOf(pkt, 172);
            int len = alice.protectRtp(pkt, 0, 172);
            assertThat(Arrays.copyOfRange(pkt, 12, 172)).isNotEqualTo(
                    Arrays.copyOfRange(plain, 12, 172));
            byte[] copy = pkt.clone();
            assertThat(bob.unprotectRtp(pkt, 0, len)).isEqualTo(172);
            assertThat(Arrays.copyOf(pkt, 172)).isEqualTo(plain);
            if (seq == 65535) {
                assertThat(bob.unprotectRtp(copy, 0, len)).as("replay").isEqualTo(-1);
            }
        }
        assertThat(bob.replayDrops()).isEqualTo(1);

        byte[] pkt = rtp(5, 42, 160);
        int len = alice.protectRtp(pkt, 0, 172);
        pkt[50] ^= 1;
        assertThat(bob.unprotectRtp(pkt, 0, len)).isEqualTo(-1);
        assertThat(bob.authFailures()).isEqualTo(1);
        // the wrong key fails authentication as well
        byte[] p2 = rtp(6, 42, 160);
        int l2 = alice.protectRtp(p2, 0, 172);
        assertThat(alice.unprotectRtp(p2, 0, l2)).isEqualTo(-1);
        assertThat(bob.unprotectRtp(new byte[5], 0, 5)).isEqualTo(-1);
        assertThat(bob.malformed()).isEqualTo(1);
    }

    @Test
    void rtcpRoundTripTamperAndReplay() {
        SecureRandom rng = new SecureRandom();
        SrtpKeys a = SrtpKeys.random(rng);
        SrtpKeys b = SrtpKeys.random(rng);
        SrtpSession alice = new SrtpSession(a, b);
        SrtpSession bob = new SrtpSession(b, a);
        byte[] pkt = rtcpReceiverReport(7);
        byte[] plain = Arrays.copyOf(pkt, 32);
        int len = alice.protectRtcp(pkt, 0, 32);
        byte[] copy = pkt.clone();
        assertThat(bob.unprotectRtcp(pkt, 0, len)).isEqualTo(32);
        assertThat(Arrays.copyOf(pkt, 32)).isEqualTo(plain);
        assertThat(bob.unprotectRtcp(copy, 0, len)).isEqualTo(-1);
        assertThat(bob.replayDrops()).isEqualTo(1);
        byte[] p2 = rtcpReceiverReport(7);
        int l2 = alice.protectRtcp(p2, 0, 32);
        p2[20] ^= 0x40;
        assertThat(bob.unprotectRtcp(p2, 0, l2)).isEqualTo(-1);
        assertThat(bob.authFailures()).isEqualTo(1);
    }

    @Test
    void requiresSpareRoom() {
        SrtpKeys k = SrtpKeys.random(new SecureRandom());
        SrtpSession s = new SrtpSession(k, k);
        byte[] tight = Arrays.copyOf(rtp(1, 1, 160), 172 + 9);
        assertThatThrownBy(() -> s.protectRtp(tight, 0, 172))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] block(byte[] ks, int i) {
        return Arrays.copyOfRange(ks, 16 * i, 16 * i + 16);
    }

    private static byte[] rtp(int seq, long ssrc, int payload) {
        byte[] b = new byte[12 + payload + 32];
        RtpPacket.writeHeader(b, 0, false, 0, seq, seq * 160L, ssrc);
        for (int i = 0; i < payload; i++) {
            b[12 + i] = (byte) (i * 7 + seq);
        }
        return b;
    }

    /** RR with one report block: 8 + 24 = 32 bytes. */
    private static byte[] rtcpReceiverReport(long ssrc) {
        byte[] b = new byte[64];
        b[0] = (byte) 0x81;
        b[1] = (byte) 201;
        b[3] = 7;
        RtpPacket.writeUint32(b, 4, ssrc);
        for (int i = 8; i < 32; i++) {
            b[i] = (byte) i;
        }
        return b;
    }
}
