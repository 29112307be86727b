package org.minisip.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.minisip.media.codec.AudioCodec;
import org.minisip.media.codec.G711;

/**
 * Drives the jitter buffer in simulated time: packets "arrive" at chosen instants, the playout
 * side takes 20 ms every 20 ms. Sequence numbers and timestamps start just below their wrap.
 */
class JitterBufferTest {

    private static final AudioCodec CODEC = G711.pcmu();
    private static final int RATE = 8000;
    private static final int START_SEQ = 65530;
    private static final long START_TS = 0xFFFFFFFFL - 799;

    /** A deterministic noise-like signal so every packet's samples are unique. */
    private static byte[] encodedSignal(int samples) {
        short[] pcm = new short[samples];
        long s = 12345;
        for (int i = 0; i < samples; i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            pcm[i] = (short) ((s >>> 40) % 16000 - 8000 + 6000 * Math.sin(i * 0.07));
        }
        byte[] enc = new byte[samples];
        CODEC.encode(pcm, 0, samples, enc, 0);
        return enc;
    }

    private record Arrival(int index, int timeMs) {
    }

    private static final class Run {
        short[] out;
        short[] expected;
        int real;
        JitterBuffer jb;
    }

    /** Feeds packets of {@code ptime} ms arriving at the given times, returns all output. */
    private static Run simulate(int ptime, int packets, List<Arrival> arrivals, int minDelay,
                                Set<Integer> duplicated) {
        int spp = RATE * ptime / 1000;
        byte[] enc = encodedSignal(spp * packets);
        JitterBuffer jb = new JitterBuffer(RATE, minDelay, 200);
        arrivals.sort((a, b) -> Integer.compare(a.timeMs, b.timeMs));
        int end = packets * ptime + 600;
        short[] out = new short[end / 20 * 160];
        short[] tick = new short[160];
        int next = 0;
        int real = 0;
        for (int t = 0, o = 0; t + 20 <= end; t += 20, o += 160) {
            while (next < arrivals.size() && arrivals.get(next).timeMs <= t) {
                int k = arrivals.get(next++).index;
                int seq = (START_SEQ + k) & 0xFFFF;
                long ts = (START_TS + (long) k * spp) & 0xFFFFFFFFL;
                jb.put(seq, ts, enc, k * spp, spp, t * 1_000_000L);
                if (duplicated.contains(k)) {
                    jb.put(seq, ts, enc, k * spp, spp, t * 1_000_000L);
                }
            }
            int r = jb.take(tick, 160, CODEC);
            assertThat(r).isBetween(0, 160);
            real += r;
            System.arraycopy(tick, 0, out, o, 160);
        }
        Run run = new Run();
        run.out = out;
        run.expected = new short[enc.length];
        CODEC.decode(enc, 0, enc.length, run.expected, 0);
        run.real = real;
        run.jb = jb;
        return run;
    }

    private static List<Arrival> steady(int ptime, int packets) {
        List<Arrival> a = new ArrayList<>();
        for (int k = 0; k < packets; k++) {
            a.add(new Arrival(k, k * ptime + 5));
        }
        return a;
    }

    private static int find(short[] hay, int from, short[] needle, int off, int len) {
        outer:
        for (int i = from; i + len <= hay.length; i++) {
            for (int j = 0; j < len; j++) {
                if (hay[i + j] != needle[off + j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 20, 30, 40, 60})
    void inOrderOutputIsContinuousAndExact(int ptime) {
        int packets = 3000 / ptime;
        Run run = simulate(ptime, packets, steady(ptime, packets), 40, Set.of());
        int d = find(run.out, 0, run.expected, 0, 400);
        assertThat(d).as("start of audio").isGreaterThanOrEqualTo(0);
        // one constant delay for the whole stream: exactly the input, shifted
        assertThat(Arrays.copyOfRange(run.out, d, d + run.expected.length))
                .isEqualTo(run.expected);
        assertThat(run.real).isEqualTo(run.expected.length);
        assertThat(d * 1000 / RATE).as("delay ms").isBetween(20, 20 + ptime + 60);
        assertThat(run.jb.lost()).isZero();
        assertThat(run.jb.late()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 20, 30, 40, 60})
    void reorderedAndDuplicatedPacketsAreRestored(int ptime) {
        int packets = 3000 / ptime;
        List<Arrival> arrivals = steady(ptime, packets);
        for (int k = 4; k + 1 < packets; k += 6) {
            // packet k overtaken by k+1
            arrivals.set(k, new Arrival(k, (k + 1) * ptime + 6));
        }
        Run run = simulate(ptime, packets, arrivals, Math.max(40, 2 * ptime), Set.of(3, 9));
        int d = find(run.out, 0, run.expected, 0, 400);
        assertThat(d).isGreaterThanOrEqualTo(0);
        assertThat(Arrays.copyOfRange(run.out, d, d + run.expected.length))
                .isEqualTo(run.expected);
        assertThat(run.jb.duplicates()).isEqualTo(2);
        assertThat(run.jb.late()).isZero();
        assertThat(run.jb.lost()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 20, 30, 40, 60})
    void lossIsConcealedAndTheRestPlaysInOrder(int ptime) {
        int packets = 3000 / ptime;
        int spp = RATE * ptime / 1000;
        List<Arrival> arrivals = steady(ptime, packets);
        Set<Integer> lostSet = Set.of(packets / 3, 2 * packets / 3);
        arrivals.removeIf(a -> lostSet.contains(a.index));
        Run run = simulate(ptime, packets, arrivals, 40, Set.of());
        int pos = 0;
        int prevEnd = -1;
        for (int k = 0; k < packets; k++) {
            if (lostSet.contains(k)) {
                continue;
            }
            int at = find(run.out, pos, run.expected, k * spp, spp);
            assertThat(at).as("packet %d present in order", k).isGreaterThanOrEqualTo(0);
            if (prevEnd >= 0) {
                // contiguous, or a gap of about one lost packet (+ re-buffering slack)
                int gap = at - prevEnd;
                int allowed = lostSet.contains(k - 1) ? spp + RATE * (ptime + 40) / 1000 : 0;
                assertThat(gap).as("gap before packet %d", k).isBetween(0, allowed);
            }
            prevEnd = at + spp;
            pos = prevEnd;
        }
        assertThat(run.real).isEqualTo((packets - 2) * spp);
        assertThat(run.jb.lost()).isEqualTo(2);
    }

    @Test
    void latePacketsAreDroppedAndCounted() {
        List<Arrival> arrivals = steady(20, 100);
        arrivals.set(50, new Arrival(50, 50 * 20 + 400));
        Run run = simulate(20, 100, arrivals, 40, Set.of());
        assertThat(run.jb.late()).isEqualTo(1);
        assertThat(run.jb.lost()).isEqualTo(1);
    }

    @Test
    void concealmentRepeatsThenFadesToSilence() {
        JitterBuffer jb = new JitterBuffer(RATE, 20, 200);
        byte[] enc = encodedSignal(160);
        short[] out = new short[160];
        jb.put(1, 0, enc, 0, 160, 0);
        assertThat(jb.take(out, 160, CODEC)).isEqualTo(160);
        assertThat(jb.take(out, 160, CODEC)).isZero();
        assertThat(out).as("first concealed frame repeats audio").isNotEqualTo(new short[160]);
        for (int i = 0; i < 5; i++) {
            jb.take(out, 160, CODEC);
        }
        assertThat(out).as("faded to silence").isEqualTo(new short[160]);
    }

    @Test
    void discontinuityResetsAndPlaysNewStream() {
        JitterBuffer jb = new JitterBuffer(RATE, 20, 200);
        byte[] enc = encodedSignal(160 * 20);
        short[] out = new short[160];
        for (int k = 0; k < 10; k++) {
            jb.put(100 + k, 1000 + 160L * k, enc, 160 * k, 160, 0);
            jb.take(out, 160, CODEC);
        }
        int real = 0;
        for (int k = 0; k < 10; k++) {
            jb.put(40000 + k, 900000 + 160L * k, enc, 160 * k, 160, 0);
            real += jb.take(out, 160, CODEC);
        }
        assertThat(jb.resets()).isEqualTo(1);
        assertThat(real).isGreaterThanOrEqualTo(160 * 8);
    }

    @Test
    void variablePacketTimesMidStream() {
        // 20 ms packets, then 30 ms, then 10 ms, all in one stream
        int[] sizes = {160, 160, 160, 160, 240, 240, 240, 240, 80, 80, 80, 80, 80, 80, 160, 160};
        int total = Arrays.stream(sizes).sum();
        byte[] enc = encodedSignal(total);
        short[] expected = new short[total];
        CODEC.decode(enc, 0, total, expected, 0);
        JitterBuffer jb = new JitterBuffer(RATE, 40, 200);
        short[] out = new short[total + 160 * 20];
        short[] tick = new short[160];
        int off = 0;
        int k = 0;
        for (int o = 0; o + 160 <= out.length; o += 160) {
            while (k < sizes.length && off * 1000L / RATE <= o * 1000L / RATE + 5) {
                jb.put(k, off, enc, off, sizes[k], 0);
                off += sizes[k++];
            }
            jb.take(tick, 160, CODEC);
            System.arraycopy(tick, 0, out, o, 160);
        }
        int d = find(out, 0, expected, 0, 160);
        assertThat(d).isGreaterThanOrEqualTo(0);
        assertThat(Arrays.copyOfRange(out, d, d + total)).isEqualTo(expected);
    }
}
