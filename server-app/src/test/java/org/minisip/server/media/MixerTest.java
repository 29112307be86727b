package org.minisip.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mixer driven tick by tick, without its thread: N-1 mixing, joining and leaving, packet-time adaption. */
class MixerTest {
    private static short[] constant(int n, int value) {
        short[] f = new short[n];
        java.util.Arrays.fill(f, (short) value);
        return f;
    }

    @Test
    void eachPortHearsTheSumOfTheOthersAndTheTapHearsEveryone() {
        Mixer m = new Mixer("t");
        MixerPort a = m.addPort("a");
        MixerPort b = m.addPort("b");
        MixerPort c = m.addPort("c");
        List<Short> tapped = new ArrayList<>();
        m.tap(new Mixer.FrameTap() {
            @Override public void frame(short[] pcm, int n) { tapped.add(pcm[0]); }
            @Override public void close() { }
        });
        for (int t = 0; t < 10; t++) {
            a.sink().write(constant(Mixer.FRAME, 100), Mixer.FRAME);
            b.sink().write(constant(Mixer.FRAME, 20), Mixer.FRAME);
            c.sink().write(constant(Mixer.FRAME, 3), Mixer.FRAME);
            m.tick();
        }
        short[] heard = new short[Mixer.FRAME];
        for (int t = 0; t < 3; t++) {
            a.source().read(heard, Mixer.FRAME);
        }
        assertThat(heard[0]).as("a hears b + c").isEqualTo((short) 23);
        b.source().read(heard, Mixer.FRAME);
        b.source().read(heard, Mixer.FRAME);
        b.source().read(heard, Mixer.FRAME);
        assertThat(heard[5]).as("b hears a + c").isEqualTo((short) 103);
        assertThat(tapped).contains((short) 123);
    }

    @Test
    void aSenderWith40MsPacketsGetsContinuousAudioFromThe20MsMixer() {
        Mixer m = new Mixer("t");
        MixerPort speaker = m.addPort("speaker");
        MixerPort listener = m.addPort("listener");
        short[] packet = new short[2 * Mixer.FRAME];
        int silentPackets = 0;
        int loudPackets = 0;
        for (int t = 0; t < 200; t++) {
            speaker.sink().write(constant(Mixer.FRAME, 1000), Mixer.FRAME);
            m.tick();
            if (t % 2 == 1) { // the listener's RTP sender reads 40 ms every other tick
                listener.source().read(packet, packet.length);
                boolean silent = packet[0] == 0 && packet[packet.length - 1] == 0;
                if (t > 10) {
                    if (silent) {
                        silentPackets++;
                    } else {
                        loudPackets++;
                    }
                }
            }
        }
        assertThat(silentPackets).as("no underruns once primed").isZero();
        assertThat(loudPackets).isGreaterThan(90);
    }

    @Test
    void sumsAreClippedAndALeavingPortIsNoLongerMixed() {
        Mixer m = new Mixer("t");
        MixerPort a = m.addPort("a");
        MixerPort b = m.addPort("b");
        MixerPort c = m.addPort("c");
        short[] heard = new short[Mixer.FRAME];
        for (int t = 0; t < 6; t++) {
            a.sink().write(constant(Mixer.FRAME, 30000), Mixer.FRAME);
            b.sink().write(constant(Mixer.FRAME, 30000), Mixer.FRAME);
            m.tick();
        }
        for (int t = 0; t < 4; t++) { // the first two ticks primed the input buffers (silence)
            c.source().read(heard, Mixer.FRAME);
        }
        assertThat(heard[0]).isEqualTo(Short.MAX_VALUE);
        m.removePort(b);
        assertThat(m.size()).isEqualTo(2);
        for (int t = 0; t < 8; t++) {
            a.sink().write(constant(Mixer.FRAME, 50), Mixer.FRAME);
            b.sink().write(constant(Mixer.FRAME, 7), Mixer.FRAME); // ignored: b left
            m.tick();
        }
        for (int t = 0; t < 5; t++) {
            c.source().read(heard, Mixer.FRAME);
        }
        assertThat(heard[0]).isEqualTo((short) 50);
    }
}
