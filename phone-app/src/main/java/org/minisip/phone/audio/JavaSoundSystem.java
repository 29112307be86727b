package org.minisip.phone.audio;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/** {@link SoundSystem} over javax.sound.sampled; device names are mixer names as {@link AudioDevices} lists them. */
public final class JavaSoundSystem implements SoundSystem {
    private static final int BUFFER_MS = 200;

    @Override
    public List<String> microphones() {
        return AudioDevices.scan().microphones();
    }

    @Override
    public List<String> speakers() {
        return AudioDevices.scan().speakers();
    }

    @Override
    public CaptureLine openCapture(String device, int rate) throws IOException {
        TargetDataLine line = line(TargetDataLine.class, device, rate);
        try {
            line.open(format(rate), rate * 2 * BUFFER_MS / 1000);
            line.start();
        } catch (LineUnavailableException | RuntimeException e) {
            line.close();
            throw new IOException(e.getMessage(), e);
        }
        return new CaptureLine() {
            @Override
            public int read(byte[] buf, int len) {
                int want = Math.min(len, line.available() & ~1);
                return want > 0 ? line.read(buf, 0, want) : 0;
            }

            @Override
            public void close() {
                line.stop();
                line.close();
            }
        };
    }

    @Override
    public PlaybackLine openPlayback(String device, int rate) throws IOException {
        SourceDataLine line = line(SourceDataLine.class, device, rate);
        try {
            line.open(format(rate), rate * 2 * BUFFER_MS / 1000);
            line.start();
        } catch (LineUnavailableException | RuntimeException e) {
            line.close();
            throw new IOException(e.getMessage(), e);
        }
        return new PlaybackLine() {
            @Override
            public int write(byte[] buf, int len) {
                int n = Math.min(len, line.available() & ~1);
                return n > 0 ? line.write(buf, 0, n) : 0;
            }

            @Override
            public void close() {
                line.stop();
                line.close();
            }
        };
    }

    private static AudioFormat format(int rate) {
        return new AudioFormat(rate, 16, 1, true, false);
    }

    /** The line on the mixer named exactly {@code device} (else the first whose name contains it), or the default. */
    @SuppressWarnings("unchecked")
    private static <T extends Line> T line(Class<T> type, String device, int rate) throws IOException {
        DataLine.Info info = new DataLine.Info(type, format(rate));
        try {
            if (device == null) {
                return (T) AudioSystem.getLine(info);
            }
            Mixer.Info partial = null;
            for (Mixer.Info mi : AudioSystem.getMixerInfo()) {
                if (!AudioSystem.getMixer(mi).isLineSupported(info)) {
                    continue;
                }
                if (mi.getName().equals(device)) {
                    return (T) AudioSystem.getMixer(mi).getLine(info);
                }
                if (partial == null && mi.getName().toLowerCase(Locale.ROOT).contains(device.toLowerCase(Locale.ROOT))) {
                    partial = mi;
                }
            }
            if (partial != null) {
                return (T) AudioSystem.getMixer(partial).getLine(info);
            }
            throw new IOException("no device named '" + device + "' for " + type.getSimpleName());
        } catch (LineUnavailableException | RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
