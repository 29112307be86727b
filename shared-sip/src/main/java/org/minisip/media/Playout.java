package org.minisip.media;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import org.minisip.media.codec.AudioCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Playout thread of a {@link MediaSession}: every 20 ms (absolute monotonic deadlines) takes
 * 20 ms of audio from the jitter buffer, converts it to the sink's rate and writes it to the
 * sink. While receive is disabled it writes silence so recordings keep wall-clock length.
 */
final class Playout implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Playout.class);
    private static final int TICK_MS = 20;
    private static final long TICK_NANOS = TICK_MS * 1_000_000L;

    private final MediaSession session;
    private volatile boolean running = true;
    private short[] frame = new short[0];
    private short[] sinkFrame = new short[0];
    private FrameConverter converter;

    Playout(MediaSession session) {
        this.session = session;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        long next = System.nanoTime() + TICK_NANOS;
        while (running) {
            long now;
            while (running && (now = System.nanoTime()) - next < 0) {
                LockSupport.parkNanos(next - now);
            }
            if (!running) {
                return;
            }
            try {
                tick(session.params());
            } catch (RuntimeException e) {
                LOG.debug("playout tick failed", e);
            }
            next += TICK_NANOS;
            now = System.nanoTime();
            if (now - next > 200_000_000L) {
                next = now;
            }
        }
    }

    private void tick(MediaParams p) {
        AudioCodec codec = p.codec();
        int n = codec.sampleRate() * TICK_MS / 1000;
        if (frame.length < n) {
            frame = new short[n];
        }
        if (p.receive()) {
            session.jitterBuffer().take(frame, n, codec);
        } else {
            Arrays.fill(frame, 0, n, (short) 0);
        }
        AudioSink sink = p.sink();
        int sinkRate = sink.sampleRate();
        if (sinkRate == codec.sampleRate()) {
            sink.write(frame, n);
            return;
        }
        int m = sinkRate * TICK_MS / 1000;
        if (sinkFrame.length < m) {
            sinkFrame = new short[m];
        }
        if (converter == null || converter.inRate() != codec.sampleRate()
                || converter.outRate() != sinkRate) {
            converter = new FrameConverter(codec.sampleRate(), sinkRate);
        }
        converter.convert(frame, n, sinkFrame, m);
        sink.write(sinkFrame, m);
    }
}
