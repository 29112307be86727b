package org.minisip.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtpPacketTest {

    @Test
    void writesAndParsesHeader() {
        byte[] b = new byte[40];
        int n = RtpPacket.writeHeader(b, 4, true, 101, 0xFFFE, 0xFFFFFFF0L, 0xDEADBEEFL);
        assertThat(n).isEqualTo(12);
        assertThat(RtpPacket.version(b, 4)).isEqualTo(2);
        assertThat(RtpPacket.marker(b, 4)).isTrue();
        assertThat(RtpPacket.payloadType(b, 4)).isEqualTo(101);
        assertThat(RtpPacket.sequence(b, 4)).isEqualTo(0xFFFE);
        assertThat(RtpPacket.timestamp(b, 4)).isEqualTo(0xFFFFFFF0L);
        assertThat(RtpPacket.ssrc(b, 4)).isEqualTo(0xDEADBEEFL);
        assertThat(RtpPacket.headerLength(b, 4, 20)).isEqualTo(12);
        assertThat(RtpPacket.payloadLength(b, 4, 20, 12)).isEqualTo(8);
    }

    @Test
    void headerLengthCoversCsrcsAndExtension() {
        byte[] b = new byte[64];
        RtpPacket.writeHeader(b, 0, false, 0, 1, 2, 3);
        b[0] = (byte) (0x80 | 0x10 | 2); // X bit, 2 CSRCs
        // extension header at 12 + 8 = 20: profile 0xBEDE, length 1 word
        b[22] = 0;
        b[23] = 1;
        assertThat(RtpPacket.headerLength(b, 0, 40)).isEqualTo(12 + 8 + 4 + 4);
        assertThat(RtpPacket.headerLength(b, 0, 27)).isEqualTo(-1);
    }

    @Test
    void rejectsMalformed() {
        byte[] b = new byte[20];
        RtpPacket.writeHeader(b, 0, false, 0, 1, 2, 3);
        assertThat(RtpPacket.headerLength(b, 0, 11)).isEqualTo(-1);
        b[0] = 0x40; // version 1
        assertThat(RtpPacket.headerLength(b, 0, 20)).isEqualTo(-1);
        b[0] = (byte) 0x8F; // 15 CSRCs do not fit
        assertThat(RtpPacket.headerLength(b, 0, 20)).isEqualTo(-1);
        b[0] = (byte) 0xA0; // padding with count larger than packet
        b[19] = 50;
        assertThat(RtpPacket.headerLength(b, 0, 20)).isEqualTo(-1);
        b[19] = 4;
        assertThat(RtpPacket.headerLength(b, 0, 20)).isEqualTo(12);
        assertThat(RtpPacket.payloadLength(b, 0, 20, 12)).isEqualTo(4);
    }
}
