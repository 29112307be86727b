package org.minisip.phone.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.minisip.media.AudioSink;
import org.minisip.media.AudioSource;
import org.minisip.media.ToneSource;
import org.minisip.media.wav.WavWriter;
import org.minisip.phone.audio.AudioBackend;

/**
 * Test audio: sends a sine tone and records what is heard in phases the test switches with {@link #phase}, so each
 * stretch of a call (before hold, during hold, after resume) can be analysed on its own. Thread-safe.
 */
final class PhasedAudio implements AudioBackend {
    private final double toneHz;
    private short[] buf = new short[0];
    private int len;
    private int rate = 8000;

    PhasedAudio(double toneHz) {
        this.toneHz = toneHz;
    }

    @Override
    public AudioSource openSource(int sampleRate) {
        return new ToneSource(toneHz, sampleRate, 0.5);
    }

    @Override
    public AudioSink openSink(int sampleRate) {
        synchronized (this) {
            rate = sampleRate;
        }
        return new AudioSink() {
            @Override
            public int sampleRate() {
                return sampleRate;
            }

            @Override
            public void write(short[] pcm, int samples) {
                append(pcm, samples);
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    private synchronized void append(short[] pcm, int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n + 8000));
        }
        System.arraycopy(pcm, 0, buf, len, n);
        len += n;
    }

    /** Ends the current phase: writes what was heard since the last call to {@code wav} and starts afresh. */
    synchronized Path phase(Path wav) {
        try (WavWriter w = new WavWriter(wav, rate)) {
            w.write(buf, 0, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        len = 0;
        return wav;
    }

    @Override
    public String description() {
        return "tone " + toneHz + " Hz, phased recording";
    }
}
