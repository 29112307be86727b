package org.minisip.server.media;

/**
 * A bounded FIFO of 16-bit samples between two media threads that tick at their own frame sizes (e.g. a 20 ms
 * mixer and a 40 ms RTP sender). Reads wait until {@code prime} samples beyond the request are buffered, so
 * the phase between the two clocks never causes an underrun; after an underrun it primes again. On overflow
 * the oldest samples go (bounded latency). Thread-safe; never blocks; no allocation per call.
 */
final class SampleFifo {
    private final short[] ring;
    private final int prime;
    private int head;
    private int size;
    private boolean primed;
    private long underruns;
    private long overflows;

    SampleFifo(int capacity, int prime) {
        this.ring = new short[capacity];
        this.prime = prime;
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

    synchronized int size() {
        return size;
    }

    synchronized long underruns() {
        return underruns;
    }

    synchronized long overflows() {
        return overflows;
    }
}
