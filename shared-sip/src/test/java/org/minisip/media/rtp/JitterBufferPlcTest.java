package org.minisip.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.minisip.media.codec.AudioCodec;
import org.minisip.media.codec.G711;

/**
 * G.711 packet-loss concealment: a lost 20 ms packet of a voiced (periodic) signal is replaced by repeating the
 * last pitch period, which continues the waveform in phase, where repeating the whole last frame would jump.
 */
class JitterBufferPlcTest {
    private static final int RATE = 8000;
    private static final double HZ = 230; // period 34.8 samples: a 20 ms frame is not a whole number of periods

    private static double ideal(int n) {
        return 8000 * Math.sin(2 * Math.PI * HZ * n / RATE);
    }

    @Test
    void aLostPacketIsConcealedInPhaseWithThePitch() {
        AudioCodec pcmu = G711.pcmu();
        JitterBuffer jb = new JitterBuffer(RATE, 40, 200);
        short[] pcm = new short[160];
        byte[] payload = new byte[160];
        short[] out = new short[160];
        long now = 0;
        int lostSeq = 12;
        double[] concealed = null;
        int playedFrames = 0;
        for (int seq = 0; seq < 30; seq++) {
            for (int i = 0; i < 160; i++) {
                pcm[i] = (short) Math.round(ideal(seq * 160 + i));
            }
            pcmu.encode(pcm, 0, 160, payload, 0);
            if (seq != lostSeq) {
                jb.put(seq, seq * 160L, payload, 0, 160, now);
            }
            now += 20_000_000L;
            int real = jb.take(out, 160, pcmu);
            if (real > 0 || playedFrames > 0) {
                playedFrames++;
            }
            if (real == 0 && playedFrames > 1 && concealed == null) {
                concealed = new double[160];
                for (int i = 0; i < 160; i++) {
                    concealed[i] = out[i];
                }
            }
        }
        assertThat(concealed).as("one frame was concealed").isNotNull();
        assertThat(jb.lost()).isEqualTo(1);
        // compare with the true continuation: the lost packet's samples, correlation near 1 (in phase)
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < 160; i++) {
            double y = ideal(lostSeq * 160 + i);
            xy += concealed[i] * y;
            xx += concealed[i] * concealed[i];
            yy += y * y;
        }
        assertThat(xy / Math.sqrt(xx * yy)).as("correlation with the lost audio").isGreaterThan(0.9);
    }
}
