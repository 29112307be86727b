package org.minisip.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class G711Test {

    private static short dec(AudioCodec c, int code) {
        short[] out = new short[1];
        c.decode(new byte[] {(byte) code}, 0, 1, out, 0);
        return out[0];
    }

    private static int enc(AudioCodec c, int sample) {
        byte[] out = new byte[1];
        c.encode(new short[] {(short) sample}, 0, 1, out, 0);
        return out[0] & 0xFF;
    }

    @Test
    void identity() {
        assertThat(G711.pcmu().encodingName()).isEqualTo("PCMU");
        assertThat(G711.pcmu().payloadType()).isZero();
        assertThat(G711.pcma().encodingName()).isEqualTo("PCMA");
        assertThat(G711.pcma().payloadType()).isEqualTo(8);
        assertThat(G711.pcma().clockRate()).isEqualTo(8000);
        assertThat(G711.pcmu().sampleRate()).isEqualTo(8000);
    }

    @Test
    void muLawReferenceValues() {
        AudioCodec u = G711.pcmu();
        assertThat(enc(u, 0)).isEqualTo(0xFF);
        assertThat(dec(u, 0xFF)).isEqualTo((short) 0);
        assertThat(dec(u, 0x7F)).isEqualTo((short) 0);
        assertThat(dec(u, 0x80)).isEqualTo((short) 32124);
        assertThat(dec(u, 0x00)).isEqualTo((short) -32124);
        assertThat(enc(u, 32767)).isEqualTo(0x80);
        assertThat(enc(u, -32768)).isEqualTo(0x00);
        assertThat(dec(u, 0xF0)).isEqualTo((short) 120);
    }

    @Test
    void aLawReferenceValues() {
        AudioCodec a = G711.pcma();
        assertThat(enc(a, 0)).isEqualTo(0xD5);
        assertThat(dec(a, 0xD5)).isEqualTo((short) 8);
        assertThat(dec(a, 0x55)).isEqualTo((short) -8);
        assertThat(dec(a, 0xAA)).isEqualTo((short) 32256);
        assertThat(dec(a, 0x2A)).isEqualTo((short) -32256);
        assertThat(enc(a, 32767)).isEqualTo(0xAA);
        assertThat(enc(a, -32768)).isEqualTo(0x2A);
    }

    @Test
    void everyCodeRoundTrips() {
        for (AudioCodec c : new AudioCodec[] {G711.pcmu(), G711.pcma()}) {
            for (int code = 0; code < 256; code++) {
                short v = dec(c, code);
                int back = enc(c, v);
                // mu-law has two zero codes (0x7F, 0xFF); all others map back exactly
                assertThat(dec(c, back)).as("%s code %02x", c, code).isEqualTo(v);
                if (!(c == G711.pcmu() && code == 0x7F)) {
                    assertThat(back).as("%s code %02x", c, code).isEqualTo(code);
                }
            }
        }
    }

    @Test
    void quantisationErrorIsBounded() {
        for (AudioCodec c : new AudioCodec[] {G711.pcmu(), G711.pcma()}) {
            short[] in = new short[65536];
            for (int i = 0; i < in.length; i++) {
                in[i] = (short) (i - 32768);
            }
            byte[] coded = new byte[in.length];
            short[] out = new short[in.length];
            assertThat(c.encode(in, 0, in.length, coded, 0)).isEqualTo(in.length);
            assertThat(c.decode(coded, 0, coded.length, out, 0)).isEqualTo(in.length);
            for (int i = 0; i < in.length; i++) {
                int err = Math.abs(in[i] - out[i]);
                // log companding: error within half a step, step <= 1/16 of magnitude + 1%
                assertThat(err).as("%s sample %d", c, (int) in[i])
                        .isLessThanOrEqualTo(Math.max(140, Math.abs(in[i]) / 16 + 64));
            }
        }
    }

    @Test
    void registryLooksUpIgnoringCase() {
        CodecRegistry r = CodecRegistry.defaults();
        assertThat(r.all()).extracting(AudioCodec::encodingName).containsExactly("PCMU", "PCMA", "G722", "opus");
        assertThat(r.byName("pcma")).containsSame(G711.pcma());
        assertThat(r.byName("G729")).isEmpty();
        assertThat(r.byName(null)).isEmpty();
        r.register(G711.pcmu());
        assertThat(r.all()).hasSize(4);
        assertThat(new CodecRegistry().all()).isEmpty();
    }
}
