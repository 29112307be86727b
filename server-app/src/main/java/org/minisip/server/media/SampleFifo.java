package org.minisip.server.media;

/**
 * A bounded FIFO of 16-bit samples between two media threads that tick at their own frame sizes (e.g. a 20 ms
 * mixer and a 40 ms RTP sender). Reads wait until {@code prime} samples beyond the request are buffered, so
 * the phase between the two clocks never causes an underrun; after an underrun it primes again. On overflow
 * the oldest samples go (bounded latency). A backlog does not stay either: when, over a window of reads
 * ({@code window} samples read), the fill level before a read never fell below {@code request + 2 × prime}, the
 * writer got ahead for good (the reader's thread stalled and skipped ticks, or started late) and the oldest samples
 * beyond {@code request + prime} are dropped at once, so the delay through the FIFO returns to its primed level
 * instead of ratcheting up with every stall. Thread-safe; never blocks; no allocation per call.
 */
final class SampleFifo {
    private final short[] ring;
    private final int prime;
    private final int window;
    private int head;
    private int size;
    private boolean primed;
    private long underruns;
    private long overflows;
    private long trimmed;
    private int windowRead;
    private int windowMinExcess = Integer.MAX_VALUE;

    SampleFifo(int capacity, int prime, int window) {
        this.ring = new short[capacity];
        this.prime = prime;
        this.window = window;
    }

    synchronized void write(short[] pcm, int n) {
        for (int i = 0; i < n; i++) {
            if (size == ring.length) {
                head = (head + 1) % ring.length;
                size--;
                overflows++;
            }
            ring[(head + size) % ring.length] = pcm[i];
            size++;
        }
    }

    /** Fills {@code out[0..n)}: buffered audio, or silence while priming / after an underrun. */
    synchronized void read(short[] out, int n) {
        if (!primed && size >= n + prime) {
            primed = true;
            windowRead = 0;
            windowMinExcess = Integer.MAX_VALUE;
        }
        if (primed) {
            trimBacklog(n);
        }
        int take = primed ? Math.min(n, size) : 0;
        for (int i = 0; i < take; i++) {
            out[i] = ring[head];
            head = (head + 1) % ring.length;
        }
        size -= take;
        if (take < n) {
            java.util.Arrays.fill(out, take, n, (short) 0);
            if (primed) {
                underruns++;
                primed = false;
            }
        }
    }

    /** Tracks the lowest level beyond {@code n + prime} over the window; drops a standing backlog at its end. */
    private void trimBacklog(int n) {
        windowMinExcess = Math.min(windowMinExcess, size - n - prime);
        windowRead += n;
        if (windowRead < window) {
            return;
        }
        if (windowMinExcess >= prime) {
            int drop = Math.min(windowMinExcess, size - n - prime);
            head = (head + drop) % ring.length;
            size -= drop;
            trimmed += drop;
        }
        windowRead = 0;
        windowMinExcess = Integer.MAX_VALUE;
    }

    synchronized int size() {
        return size;
    }

    synchronized long underruns() {
        return underruns;
    }

    synchronized long overflows() {
        return overflows;
    }

    /** Samples dropped because a backlog stood for a whole window. */
    synchronized long trimmed() {
        return trimmed;
    }
}
