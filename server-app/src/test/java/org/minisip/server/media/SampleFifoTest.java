package org.minisip.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The FIFO between a leg and the mixer: primed reads, and a backlog left by a stalled reader is dropped after one
 * window instead of adding its delay for the rest of the call.
 */
class SampleFifoTest {
    private static final int FRAME = 160;
    private final SampleFifo fifo = new SampleFifo(4000, 2 * FRAME, 8000);
    private short next;

    private void write(int frames) {
        short[] f = new short[FRAME];
        for (int i = 0; i < frames; i++) {
            for (int k = 0; k < FRAME; k++) {
                f[k] = next++;
            }
            fifo.write(f, FRAME);
        }
    }

    @Test
    void steadyTwentyAndFortyMsReadersKeepThePrimedLevelAndNeverTrim() {
        write(1);
        short[] out = new short[2 * FRAME];
        for (int tick = 0; tick < 1000; tick++) {   // 20 s: writer 20 ms every tick, reader 40 ms every other tick
            write(1);
            if (tick % 2 == 1) {
                fifo.read(out, 2 * FRAME);
            }
        }
        assertThat(fifo.trimmed()).isZero();
        assertThat(fifo.underruns()).isZero();
        assertThat(fifo.size()).isLessThanOrEqualTo(2 * FRAME + 2 * FRAME + FRAME);
    }

    @Test
    void aStandingBacklogIsDroppedAfterOneWindowOldestFirst() {
        short[] out = new short[FRAME];
        write(3);
        for (int tick = 0; tick < 100; tick++) {    // 2 s steady
            write(1);
            fifo.read(out, FRAME);
        }
        int steady = fifo.size();
        write(15);                                  // the reader stalled for 300 ms and skipped its ticks
        assertThat(fifo.size()).isEqualTo(steady + 15 * FRAME);
        short last = 0;
        for (int tick = 0; tick < 60; tick++) {     // 1.2 s: at most one window later the backlog is gone
            write(1);
            fifo.read(out, FRAME);
            assertThat((short) (out[0] - last)).as("samples stay in order").isPositive();
            last = out[FRAME - 1];
        }
        // back to the primed level: prime samples left after a read (the one frame of phase it had is gone too)
        assertThat(fifo.size()).isEqualTo(2 * FRAME);
        assertThat(fifo.trimmed()).isEqualTo(steady + 15L * FRAME - 2 * FRAME);
        assertThat(fifo.underruns()).isZero();
    }

    @Test
    void readsWaitUntilPrimed() {
        short[] out = new short[FRAME];
        write(2);
        fifo.read(out, FRAME);
        assertThat(out).containsOnly((short) 0);
        assertThat(fifo.size()).isEqualTo(2 * FRAME);
        write(1);
        fifo.read(out, FRAME);
        assertThat(out[0]).isEqualTo((short) 0);
        assertThat(out[FRAME - 1]).isEqualTo((short) (FRAME - 1));
    }
}
