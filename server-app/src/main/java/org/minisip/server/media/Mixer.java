package org.minisip.server.media;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An N-1 audio mixer at 8 kHz: every 20 ms (absolute monotonic deadlines, one thread per mixer) it takes one
 * frame from each port, and gives each port the sum of all the others (never its own voice). An optional
 * {@link FrameTap} receives the sum of everyone (a recording of the whole call). Ports join and leave at any
 * time; the others hear no gap. Buffers are allocated once per port count; the tick never throws.
 */
public final class Mixer implements AutoCloseable {
    public static final int RATE = 8000;
    public static final int FRAME_MS = 20;
    public static final int FRAME = RATE * FRAME_MS / 1000;
    private static final Logger LOG = LoggerFactory.getLogger(Mixer.class);
    private static final MixerPort[] EMPTY = new MixerPort[0];
    private static final long TICK_NANOS = FRAME_MS * 1_000_000L;

    /** Receives the full mix every tick, on the mixer thread. */
    public interface FrameTap extends AutoCloseable {
        void frame(short[] pcm, int n);

        @Override
        void close();
    }

    private final String name;
    private final List<MixerPort> ports = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile FrameTap tap;
    private volatile boolean running = true;
    private short[][] in = new short[0][];
    private final int[] sum = new int[FRAME];
    private final short[] out = new short[FRAME];
    private final short[] all = new short[FRAME];
    private final short[] prompt = new short[FRAME];


    public Mixer(String name) {
        this.name = name;
        this.thread = new Thread(this::run, "mixer-" + name);
        this.thread.setDaemon(true);
        this.thread.setPriority(Thread.MAX_PRIORITY);
    }

    public void start() {
        thread.start();
    }

    public MixerPort addPort(String portName) {
        MixerPort p = new MixerPort(portName);
        ports.add(p);
        return p;
    }

    public void removePort(MixerPort p) {
        p.close();
        ports.remove(p);
    }

    public int size() {
        return ports.size();
    }

    /** Sets the tap receiving the full mix (null removes it; a replaced tap is closed). */
    public void tap(FrameTap t) {
        FrameTap old = tap;
        tap = t;
        if (old != null && old != t) {
            old.close();
        }
    }

    private void run() {
        long next = System.nanoTime() + TICK_NANOS;
        while (running) {
            long now;
            while (running && (now = System.nanoTime()) - next < 0) {
                LockSupport.parkNanos(next - now);
            }
            if (!running) {
                break;
            }
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.debug("mixer {} tick failed", name, e);
            }
            next += TICK_NANOS;
            now = System.nanoTime();
            if (now - next > 200_000_000L) {
                next = now; // the machine stalled: do not burst to catch up
            }
        }
        FrameTap t = tap;
        if (t != null) {
            t.close();
        }
    }

    /** One 20 ms frame for every port. Package-private for tests that drive the mixer without its thread. */
    void tick() {
        MixerPort[] snapshot = ports.toArray(EMPTY);
        int n = snapshot.length;
        if (in.length < n) {
            short[][] grown = new short[n][];
            for (int i = 0; i < n; i++) {
                grown[i] = i < in.length ? in[i] : new short[FRAME];
            }
            in = grown;
        }
        java.util.Arrays.fill(sum, 0);
        for (int i = 0; i < n; i++) {
            snapshot[i].heardFromPeer.read(in[i], FRAME);
            if (!snapshot[i].admitted()) {
                continue;
            }
            short[] f = in[i];
            for (int k = 0; k < FRAME; k++) {
                sum[k] += f[k];
            }
        }
        for (int i = 0; i < n; i++) {
            if (!snapshot[i].admitted()) {
                promptTone(prompt, snapshot[i].lobbyTicks++);
                snapshot[i].toPeer.write(prompt, FRAME);
                continue;
            }
            short[] f = in[i];
            for (int k = 0; k < FRAME; k++) {
                out[k] = clip(sum[k] - f[k]);
            }
            snapshot[i].toPeer.write(out, FRAME);
        }

        FrameTap t = tap;
        if (t != null) {
            for (int k = 0; k < FRAME; k++) {
                all[k] = clip(sum[k]);
            }
            t.frame(all, FRAME);
        }
    }

    /** The lobby prompt from the port's arrival: 425 Hz, 200 ms on, 1800 ms off ("please key your PIN"). */
    static void promptTone(short[] f, long tick) {
        long inCycle = tick % 100;
        for (int k = 0; k < FRAME; k++) {
            if (inCycle < 10) {
                long sample = tick * FRAME + k;
                f[k] = (short) (8000 * Math.sin(2 * Math.PI * 425 * sample / RATE));
            } else {
                f[k] = 0;
            }
        }
    }

    private static short clip(int v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }

    /** Stops the mixer thread (the tap is closed by it); waits up to a second. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        if (thread.isAlive()) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            FrameTap t = tap;
            if (t != null) {
                t.close();
            }
        }
    }
}
