package org.minisip.phone.audio;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a ring cadence or a test tone on a playback device, on its own daemon thread, until stopped. Without a usable
 * device nothing is played and {@link #start} returns false (the caller tells the user); it never throws.
 */
public final class TonePlayer {
    private static final Logger LOG = LoggerFactory.getLogger(TonePlayer.class);
    private static final int RATE = 16000;

    /** What to play. */
    public enum Pattern {
        /** 425 Hz + 480 Hz, 1 s on, 2 s off, repeated (a plain phone ring). */
        RING,
        /** 440 Hz for one second, once. */
        TEST
    }

    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    /**
     * Starts playing on the mixer whose name contains {@code device} (null = system default).
     *
     * @return false when no playback line could be opened
     */
    public synchronized boolean start(String device, Pattern pattern) {
        stop();
        SourceDataLine line;
        try {
            line = open(device);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            LOG.info("no playback device for {}: {}", pattern, e.toString());
            return false;
        }
        running.set(true);
        thread = new Thread(() -> play(line, pattern), "tone-" + pattern.name().toLowerCase(Locale.ROOT));
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    public synchronized void stop() {
        running.set(false);
        if (thread != null) {
            thread.interrupt();
            thread = null;
        }
    }

    private static SourceDataLine open(String device) throws LineUnavailableException {
        AudioFormat f = new AudioFormat(RATE, 16, 1, true, false);
        DataLine.Info info = new DataLine.Info(SourceDataLine.class, f);
        SourceDataLine line = null;
        if (device != null) {
            for (Mixer.Info mi : AudioSystem.getMixerInfo()) {
                Mixer m = AudioSystem.getMixer(mi);
                if (mi.getName().contains(device) && m.isLineSupported(info)) {
                    line = (SourceDataLine) m.getLine(info);
                    break;
                }
            }
        }
        if (line == null) {
            line = (SourceDataLine) AudioSystem.getLine(info);
        }
        line.open(f, RATE / 5);
        line.start();
        return line;
    }

    private void play(SourceDataLine line, Pattern pattern) {
        byte[] on = pattern == Pattern.RING ? tone(RATE, 425, 480) : tone(RATE, 440, 0);
        byte[] off = new byte[RATE * 2 * 2];
        try {
            do {
                write(line, on);
                if (pattern == Pattern.RING) {
                    write(line, off);
                }
            } while (pattern == Pattern.RING && running.get());
            if (running.get()) {
                line.drain();
            }
        } finally {
            line.stop();
            line.close();
        }
    }

    private void write(SourceDataLine line, byte[] data) {
        int chunk = RATE / 10 * 2;
        for (int off = 0; off < data.length && running.get(); off += chunk) {
            line.write(data, off, Math.min(chunk, data.length - off));
        }
    }

    /** One second of the sum of two sines (f2 = 0 for one), at a third of full scale, with 10 ms ramps. */
    static byte[] tone(int rate, double f1, double f2) {
        byte[] b = new byte[rate * 2];
        int ramp = rate / 100;
        for (int i = 0; i < rate; i++) {
            double t = (double) i / rate;
            double v = Math.sin(2 * Math.PI * f1 * t) + (f2 > 0 ? Math.sin(2 * Math.PI * f2 * t) : 0);
            double env = Math.min(1.0, Math.min(i, rate - 1 - i) / (double) ramp);
            short s = (short) (v / (f2 > 0 ? 2 : 1) * 10000 * env);
            b[2 * i] = (byte) s;
            b[2 * i + 1] = (byte) (s >> 8);
        }
        return b;
    }
}
