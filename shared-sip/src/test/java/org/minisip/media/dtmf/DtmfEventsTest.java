package org.minisip.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DtmfEventsTest {

    @Test
    void mapsSymbolsToRfc4733Codes() {
        String symbols = "0123456789*#ABCD";
        for (int i = 0; i < symbols.length(); i++) {
            assertThat(DtmfEvents.eventCode(symbols.charAt(i))).isEqualTo(i);
            assertThat(DtmfEvents.symbol(i)).isEqualTo(symbols.charAt(i));
        }
        assertThat(DtmfEvents.eventCode('a')).isEqualTo(12);
        assertThat(DtmfEvents.eventCode('x')).isEqualTo(-1);
        assertThat(DtmfEvents.symbol(16)).isEqualTo('\0');
    }

    @Test
    void encodesAndParsesPayload() {
        byte[] b = new byte[8];
        assertThat(DtmfEvents.write(b, 2, 11, true, 10, 800)).isEqualTo(4);
        assertThat(b[2]).isEqualTo((byte) 11);
        assertThat(b[3] & 0xFF).isEqualTo(0x80 | 10);
        assertThat(DtmfEvents.eventOf(b, 2)).isEqualTo(11);
        assertThat(DtmfEvents.isEnd(b, 2)).isTrue();
        assertThat(DtmfEvents.volume(b, 2)).isEqualTo(10);
        assertThat(DtmfEvents.duration(b, 2)).isEqualTo(800);
        DtmfEvents.write(b, 0, 5, false, 10, 70000);
        assertThat(DtmfEvents.isEnd(b, 0)).isFalse();
        assertThat(DtmfEvents.duration(b, 0)).isEqualTo(0xFFFF);
    }
}
