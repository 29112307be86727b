package org.minisip.phone.audio;

import java.util.concurrent.atomic.AtomicBoolean;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;

/**
 * Measures a microphone's level for the audio settings' meter: captures on its own daemon thread and keeps the peak
 * of the last 20 ms in a volatile field that the UI polls. {@link #start} returns false when the device cannot be
 * opened; it never throws.
 */
public final class MicLevel {
    private static final int RATE = 8000;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile float level;
    private Thread thread;

    public synchronized boolean start(String device) {
        stop();
        AudioFormat f = new AudioFormat(RATE, 16, 1, true, false);
        DataLine.Info info = new DataLine.Info(TargetDataLine.class, f);
        TargetDataLine line = null;
        try {
            if (device != null) {
                for (Mixer.Info mi : AudioSystem.getMixerInfo()) {
                    Mixer m = AudioSystem.getMixer(mi);
                    if (mi.getName().contains(device) && m.isLineSupported(info)) {
                        line = (TargetDataLine) m.getLine(info);
                        break;
                    }
                }
            }
            if (line == null) {
                line = (TargetDataLine) AudioSystem.getLine(info);
            }
            line.open(f, RATE / 5);
            line.start();
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            return false;
        }
        TargetDataLine l = line;
        running.set(true);
        thread = new Thread(() -> capture(l), "mic-level");
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    public synchronized void stop() {
        running.set(false);
        thread = null;
        level = 0f;
    }

    /** Peak of the last 20 ms, 0..1. */
    public float level() {
        return level;
    }

    private void capture(TargetDataLine line) {
        byte[] b = new byte[RATE / 50 * 2];
        try {
            while (running.get()) {
                int n = line.read(b, 0, b.length);
                int peak = 0;
                for (int i = 0; i + 1 < n; i += 2) {
                    peak = Math.max(peak, Math.abs((short) ((b[i] & 0xff) | (b[i + 1] << 8))));
                }
                level = peak / 32768f;
            }
        } finally {
            line.stop();
            line.close();
        }
    }
}
