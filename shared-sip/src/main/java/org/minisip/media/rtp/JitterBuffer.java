package org.minisip.media.rtp;

import java.util.Arrays;
import org.minisip.media.codec.AudioCodec;

/**
 * Adaptive playout buffer for one RTP audio stream (SSRC).
 *
 * <p><b>Model.</b> Packets are kept sorted by (extended, wrap-free) RTP timestamp; the playout
 * cursor {@code playTs} advances by exactly the number of samples taken per tick. The frame size
 * is never assumed: a packet's duration is its decoded sample count, so any packet time (10-60 ms
 * and beyond, even changing mid-stream) works. Gaps between packets are concealed by repeating
 * the codec's own packet-loss concealment where it has one (Opus), otherwise by repeating the last pitch period
 * of the decoded audio (a voiced-speech PLC in the spirit of G.711 Appendix I) with a linear fade to silence over
 * 80 ms.
 *
 * <p><b>Adaptation.</b> Playout starts (and restarts after an underrun) once the buffered audio
 * reaches the target delay. The target is {@code minDelay + 3 * jitter} (RFC 3550 §6.4.1
 * interarrival jitter) plus a penalty that grows by one packet on every underrun and decays when
 * playout is healthy; it is clamped to [minDelay, maxDelay]. When the minimum buffered level over
 * a one-second window exceeds the target by more than one tick, or at any time exceeds maxDelay,
 * the cursor skips forward to shrink the delay.
 *
 * <p><b>Robustness.</b> Duplicates (64-packet window), late packets (timestamp already played),
 * sequence/timestamp wrap-around, and large discontinuities (treated as a new stream: reset) are
 * handled and counted; nothing throws per packet.
 *
 * <p><b>Threads and buffers.</b> One producer ({@link #put}) and one consumer ({@link #take})
 * may run concurrently; the monitor of this object guards all state and critical sections are
 * short. {@link #put} copies the payload into a pre-allocated slot; no allocation happens after
 * construction. Timestamps given to {@link #put} are in units of the codec's PCM sample rate (the buffer's
 * {@code clockRate}); for G.722, whose RTP clock is half its sample rate, the caller scales them.
 */
public final class JitterBuffer {

    private static final int SLOTS = 64;
    private static final int MAX_PAYLOAD = 1500;
    private static final int MAX_FRAME = 8192;
    private static final long RESET_SEQ_JUMP = 3000;

    private final int clockRate;
    private final long minDelay;
    private final long maxDelay;

    private final byte[][] data = new byte[SLOTS][MAX_PAYLOAD];
    private final int[] dataLen = new int[SLOTS];
    private final long[] slotTs = new long[SLOTS];
    private final long[] slotSeq = new long[SLOTS];
    /** Slot indices sorted by timestamp, {@code count} valid entries. */
    private final int[] order = new int[SLOTS];
    private final int[] free = new int[SLOTS];
    private int count;
    private int freeCount;

    private boolean started;
    private long highSeq;
    private long highTs;
    private long seqWindow;
    private boolean playing;
    private long playTs;
    private long lastPlayedSeq = Long.MIN_VALUE;
    private int waitedSamples;

    private final short[] frame = new short[MAX_FRAME];
    private int frameSlot = -1;
    private int frameLen;
    private final short[] plc = new short[MAX_FRAME];
    private final PitchHistory history = new PitchHistory(MAX_FRAME);
    private int plcLen;
    private int plcPos;
    private int concealed;

    private double jitter;
    private long lastTransit;
    private boolean haveTransit;
    private long penalty;
    private long windowMinLevel = Long.MAX_VALUE;
    private int windowTakes;
    private boolean windowUnderrun;
    private long level;
    private int lastDuration;
    private AudioCodec lastCodec;

    private long late;
    private long lost;
    private long duplicates;
    private long overflow;
    private long resets;
    private long skipped;

    /**
     * @param clockRate RTP clock rate of the stream in Hz
     * @param minDelayMs lower bound of the target delay, at least 20 ms is sensible
     * @param maxDelayMs upper bound of the target delay
     */
    public JitterBuffer(int clockRate, int minDelayMs, int maxDelayMs) {
        if (clockRate <= 0 || minDelayMs < 0 || maxDelayMs < minDelayMs) {
            throw new IllegalArgumentException("bad jitter buffer parameters");
        }
        this.clockRate = clockRate;
        this.minDelay = (long) clockRate * minDelayMs / 1000;
        this.maxDelay = (long) clockRate * maxDelayMs / 1000;
        this.lastDuration = clockRate / 50;
        resetState();
    }

    /**
     * Inserts one packet. Copies {@code payload[off..off+len)}; the caller keeps ownership.
     *
     * @param seq RTP sequence number (16 bit)
     * @param rtpTimestamp RTP timestamp (32 bit, unsigned)
     * @param arrivalNanos arrival time from a monotonic clock ({@link System#nanoTime()})
     */
    public synchronized void put(int seq, long rtpTimestamp, byte[] payload, int off, int len,
                                 long arrivalNanos) {
        if (len <= 0 || len > MAX_PAYLOAD) {
            overflow++;
            return;
        }
        if (!started) {
            started = true;
            highSeq = seq & 0xFFFF;
            highTs = rtpTimestamp & 0xFFFFFFFFL;
        }
        long extSeq = highSeq + (short) ((seq & 0xFFFF) - (highSeq & 0xFFFF));
        long extTs = highTs + (int) ((rtpTimestamp & 0xFFFFFFFFL) - (highTs & 0xFFFFFFFFL));
        if (Math.abs(extSeq - highSeq) > RESET_SEQ_JUMP
                || Math.abs(extTs - highTs) > 10L * clockRate) {
            resets++;
            resetState();
            put(seq, rtpTimestamp, payload, off, len, arrivalNanos);
            return;
        }
        if (isDuplicate(extSeq)) {
            duplicates++;
            return;
        }
        if (playing && extTs + durationOf(payload, off, len) <= playTs) {
            late++;
            return;
        }
        if (freeCount == 0) {
            overflow++;
            return;
        }
        updateJitter(extTs, arrivalNanos);
        if (extSeq > highSeq) {
            highSeq = extSeq;
        }
        if (extTs > highTs) {
            highTs = extTs;
        }
        int slot = free[--freeCount];
        System.arraycopy(payload, off, data[slot], 0, len);
        dataLen[slot] = len;
        slotTs[slot] = extTs;
        slotSeq[slot] = extSeq;
        int i = count;
        while (i > 0 && slotTs[order[i - 1]] > extTs) {
            order[i] = order[i - 1];
            i--;
        }
        order[i] = slot;
        count++;
    }

    /**
     * Produces exactly {@code samples} samples of playout into {@code out[0..samples)}: real
     * audio where available, concealment for gaps, silence while (re)buffering.
     *
     * @return number of samples that were real (decoded) audio
     */
    public synchronized int take(short[] out, int samples, AudioCodec codec) {
        if (codec.sampleRate() != clockRate) {
            throw new IllegalArgumentException("codec rate does not match jitter buffer clock");
        }
        lastCodec = codec;
        if (!playing && !tryStart(samples)) {
            conceal(out, 0, samples);
            return 0;
        }
        level = bufferedEnd() - playTs;
        adapt(samples);
        int real = 0;
        int i = 0;
        while (i < samples) {
            discardPlayed();
            if (count == 0) {
                conceal(out, i, samples - i);
                underrun();
                break;
            }
            int head = order[0];
            long headTs = slotTs[head];
            if (headTs > playTs) {
                int k = (int) Math.min(samples - i, headTs - playTs);
                conceal(out, i, k);
                i += k;
                playTs += k;
                continue;
            }
            if (frameSlot != head) {
                decodeSlot(head, codec);
            }
            int pos = (int) (playTs - headTs);
            int k = Math.min(samples - i, frameLen - pos);
            System.arraycopy(frame, pos, out, i, k);
            i += k;
            real += k;
            playTs += k;
            concealed = 0;
        }
        return real;
    }

    /** Forgets all packets and statistics of the current stream (e.g. on SSRC change). */
    public synchronized void reset() {
        resetState();
    }

    /** Audio currently buffered ahead of the playout point, in ms. */
    public synchronized int currentDelayMs() {
        long end = count == 0 ? playTs : bufferedEnd();
        long l = playing ? end - playTs : (count == 0 ? 0 : end - slotTs[order[0]]);
        return (int) (Math.max(0, l) * 1000 / clockRate);
    }

    /** Current target delay in ms. */
    public synchronized int targetDelayMs() {
        return (int) (target() * 1000 / clockRate);
    }

    /** Packets dropped because their timestamp had already been played out. */
    public synchronized long late() {
        return late;
    }

    /** Packets missing (sequence gaps) when playout passed them. */
    public synchronized long lost() {
        return lost;
    }

    /** Packets dropped as duplicates. */
    public synchronized long duplicates() {
        return duplicates;
    }

    /** Packets dropped because they were oversized or the buffer was full. */
    public synchronized long overflow() {
        return overflow;
    }

    /** Stream resets caused by sequence/timestamp discontinuities. */
    public synchronized long resets() {
        return resets;
    }

    /** Samples skipped to shrink the delay. */
    public synchronized long skippedSamples() {
        return skipped;
    }

    // ---------------------------------------------------------------- internals

    private void resetState() {
        count = 0;
        freeCount = SLOTS;
        for (int i = 0; i < SLOTS; i++) {
            free[i] = SLOTS - 1 - i;
        }
        started = false;
        seqWindow = 0;
        playing = false;
        waitedSamples = 0;
        frameSlot = -1;
        haveTransit = false;
        lastPlayedSeq = Long.MIN_VALUE;
        windowMinLevel = Long.MAX_VALUE;
        windowTakes = 0;
    }

    private boolean isDuplicate(long extSeq) {
        long diff = extSeq - highSeq;
        if (diff > 0) {
            seqWindow = diff >= 64 ? 1L : (seqWindow << diff) | 1L;
            return false;
        }
        if (-diff >= 64) {
            return false;
        }
        long bit = 1L << -diff;
        if ((seqWindow & bit) != 0) {
            return true;
        }
        seqWindow |= bit;
        return false;
    }

    private void updateJitter(long extTs, long arrivalNanos) {
        long arrival = arrivalNanos / 1000 * clockRate / 1_000_000;
        long transit = arrival - extTs;
        if (haveTransit) {
            long d = Math.abs(transit - lastTransit);
            jitter += (d - jitter) / 16.0;
        }
        lastTransit = transit;
        haveTransit = true;
    }

    private int durationOf(byte[] payload, int off, int len) {
        return lastCodec != null ? lastCodec.samplesIn(payload, off, len) : len;
    }

    private int durationOfSlot(int slot) {
        return durationOf(data[slot], 0, dataLen[slot]);
    }

    private long bufferedEnd() {
        int last = order[count - 1];
        return slotTs[last] + durationOfSlot(last);
    }

    private long target() {
        long t = minDelay + (long) (3 * jitter) + penalty;
        return Math.max(minDelay, Math.min(maxDelay, t));
    }

    private boolean tryStart(int samples) {
        if (count == 0) {
            return false;
        }
        long first = slotTs[order[0]];
        long from = lastPlayedSeq == Long.MIN_VALUE ? first : Math.max(first, playTs);
        waitedSamples += samples;
        if (bufferedEnd() - from < target() && waitedSamples < target() + lastDuration) {
            return false;
        }
        playing = true;
        playTs = from;
        waitedSamples = 0;
        return true;
    }

    private void underrun() {
        playing = false;
        waitedSamples = 0;
        windowUnderrun = true;
        penalty = Math.min(maxDelay, penalty + lastDuration);
    }

    private void adapt(int samples) {
        windowMinLevel = Math.min(windowMinLevel, level);
        if (level > maxDelay + samples) {
            skip(level - target());
        }
        if (++windowTakes * (long) samples < clockRate) {
            return;
        }
        if (!windowUnderrun) {
            penalty = Math.max(0, penalty - clockRate / 100);
            if (windowMinLevel > target() + samples) {
                skip(Math.min(windowMinLevel - target(), lastDuration));
            }
        }
        windowTakes = 0;
        windowUnderrun = false;
        windowMinLevel = Long.MAX_VALUE;
    }

    private void skip(long amount) {
        if (amount > 0) {
            playTs += amount;
            skipped += amount;
            level -= amount;
        }
    }

    private void discardPlayed() {
        while (count > 0) {
            int head = order[0];
            int dur = frameSlot == head ? frameLen : durationOfSlot(head);
            if (slotTs[head] + dur > playTs) {
                return;
            }
            releaseHead();
        }
    }

    private void releaseHead() {
        int head = order[0];
        System.arraycopy(order, 1, order, 0, count - 1);
        count--;
        free[freeCount++] = head;
        if (frameSlot == head) {
            frameSlot = -1;
        }
    }

    private void decodeSlot(int slot, AudioCodec codec) {
        boolean fits = codec.samplesIn(data[slot], 0, dataLen[slot]) <= MAX_FRAME;
        frameLen = fits ? codec.decode(data[slot], 0, dataLen[slot], frame, 0) : 0;
        frameSlot = slot;
        if (frameLen <= 0) {
            // undecodable: treat as a 1-sample frame of silence so playout moves on
            frame[0] = 0;
            frameLen = 1;
        }
        long seq = slotSeq[slot];
        if (lastPlayedSeq != Long.MIN_VALUE && seq > lastPlayedSeq + 1) {
            lost += seq - lastPlayedSeq - 1;
        }
        lastPlayedSeq = Math.max(lastPlayedSeq, seq);
        lastDuration = frameLen;
        history.push(frame, frameLen);
        plcLen = 0;
        plcPos = 0;
    }

    /**
     * Concealment after the last real audio: the codec's PLC (Opus) or pitch-period repetition; both fade linearly
     * to silence over 80 ms of continuous loss, then silence.
     */
    private void conceal(short[] out, int off, int n) {
        int fadeLen = clockRate * 80 / 1000;
        if (history.isEmpty() || concealed >= fadeLen) {
            Arrays.fill(out, off, off + n, (short) 0);
            concealed = fadeLen;
            return;
        }
        for (int i = 0; i < n; i++) {
            if (plcPos >= plcLen) {
                refillPlc();
            }
            int c = concealed + i;
            int gain = c >= fadeLen ? 0 : fadeLen - c;
            out[off + i] = (short) (plc[plcPos++] * gain / fadeLen);
        }
        concealed = Math.min(fadeLen, concealed + n);
    }

    /** Next stretch of concealment audio: from the codec's PLC, else the last pitch period again. */
    private void refillPlc() {
        plcPos = 0;
        if (lastCodec != null && lastCodec.hasPlc()) {
            int want = Math.min(MAX_FRAME, Math.max(lastDuration, clockRate / 100));
            int got = lastCodec.conceal(plc, 0, want);
            if (got > 0) {
                plcLen = got;
                return;
            }
        }
        plcLen = history.lastPitchPeriod(plc, clockRate);
    }
}
