package org.minisip.phone.audio;

import java.util.Locale;
import java.util.Optional;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;
import org.minisip.media.AudioSink;
import org.minisip.media.AudioSource;
import org.minisip.media.NullSink;
import org.minisip.media.SilenceSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sound device through javax.sound.sampled: capture from a {@link TargetDataLine}, playback to a
 * {@link SourceDataLine}, both mono 16-bit little-endian PCM at the codec's rate. The media threads never block on
 * the device: reads take what has been captured and pad with silence, writes drop what does not fit.
 * A line that cannot be opened at call time degrades to silence (logged as a warning), never to a crash.
 *
 * @param deviceName a substring of the mixer name to use, or {@code "default"} for the system default lines
 */
public record JavaSoundBackend(String deviceName) implements AudioBackend {
    private static final Logger LOG = LoggerFactory.getLogger(JavaSoundBackend.class);
    private static final int BUFFER_MS = 200;

    /**
     * The backend for {@code name} if a capture and a playback line can be opened at 8 kHz now; empty when this
     * machine has no such device (containers, servers) or javax.sound fails.
     */
    public static Optional<JavaSoundBackend> probe(String name) {
        JavaSoundBackend b = new JavaSoundBackend(name);
        try {
            Line in = b.line(TargetDataLine.class, 8000);
            Line out = b.line(SourceDataLine.class, 8000);
            in.open();
            in.close();
            out.open();
            out.close();
            return Optional.of(b);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            LOG.debug("audio device '{}' not usable: {}", name, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public AudioSource openSource(int sampleRate) {
        try {
            TargetDataLine line = line(TargetDataLine.class, sampleRate);
            line.open(format(sampleRate), bufferBytes(sampleRate));
            line.start();
            return new CaptureSource(line, sampleRate);
        } catch (LineUnavailableException | IllegalArgumentException e) {
            LOG.warn("capture device '{}' unavailable ({}); sending silence", deviceName, e.getMessage());
            return new SilenceSource(sampleRate);
        }
    }

    @Override
    public AudioSink openSink(int sampleRate) {
        try {
            SourceDataLine line = line(SourceDataLine.class, sampleRate);
            line.open(format(sampleRate), bufferBytes(sampleRate));
            line.start();
            return new PlaybackSink(line, sampleRate);
        } catch (LineUnavailableException | IllegalArgumentException e) {
            LOG.warn("playback device '{}' unavailable ({}); received audio is discarded", deviceName, e.getMessage());
            return new NullSink(sampleRate);
        }
    }

    @Override
    public String description() {
        return "sound device " + deviceName;
    }

    private static AudioFormat format(int rate) {
        return new AudioFormat(rate, 16, 1, true, false);
    }

    private static int bufferBytes(int rate) {
        return rate * 2 * BUFFER_MS / 1000;
    }

    @SuppressWarnings("unchecked")
    private <T extends Line> T line(Class<T> type, int rate) throws LineUnavailableException {
        DataLine.Info info = new DataLine.Info(type, format(rate));
        if ("default".equalsIgnoreCase(deviceName)) {
            return (T) AudioSystem.getLine(info);
        }
        String wanted = deviceName.toLowerCase(Locale.ROOT);
        for (Mixer.Info mi : AudioSystem.getMixerInfo()) {
            Mixer m = AudioSystem.getMixer(mi);
            if (mi.getName().toLowerCase(Locale.ROOT).contains(wanted) && m.isLineSupported(info)) {
                return (T) m.getLine(info);
            }
        }
        throw new LineUnavailableException("no mixer named like '" + deviceName + "' supports " + type.getSimpleName());
    }

    /** Non-blocking capture: returns what the device has, padded with silence. Media send thread only. */
    private static final class CaptureSource implements AudioSource {
        private final TargetDataLine line;
        private final int rate;
        private byte[] bytes = new byte[0];

        CaptureSource(TargetDataLine line, int rate) {
            this.line = line;
            this.rate = rate;
        }

        @Override
        public int sampleRate() {
            return rate;
        }

        @Override
        public void read(short[] frame, int samples) {
            if (bytes.length < samples * 2) {
                bytes = new byte[samples * 2];
            }
            int want = Math.min(samples * 2, line.available() & ~1);
            int got = want > 0 ? line.read(bytes, 0, want) : 0;
            int n = got / 2;
            for (int i = 0; i < n; i++) {
                frame[i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
            }
            for (int i = n; i < samples; i++) {
                frame[i] = 0;
            }
        }
    }

    /** Non-blocking playback: drops samples when the device buffer is full. Media playout thread only. */
    private static final class PlaybackSink implements AudioSink {
        private final SourceDataLine line;
        private final int rate;
        private byte[] bytes = new byte[0];

        PlaybackSink(SourceDataLine line, int rate) {
            this.line = line;
            this.rate = rate;
        }

        @Override
        public int sampleRate() {
            return rate;
        }

        @Override
        public void write(short[] pcm, int samples) {
            if (bytes.length < samples * 2) {
                bytes = new byte[samples * 2];
            }
            for (int i = 0; i < samples; i++) {
                bytes[2 * i] = (byte) pcm[i];
                bytes[2 * i + 1] = (byte) (pcm[i] >> 8);
            }
            int n = Math.min(samples * 2, line.available() & ~1);
            if (n > 0) {
                line.write(bytes, 0, n);
            }
        }

        @Override
        public void close() {
            line.stop();
            line.close();
        }
    }
}
