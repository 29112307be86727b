package org.minisip.phone.audio;

import java.io.IOException;
import org.minisip.media.AudioSink;
import org.minisip.media.AudioSource;

/**
 * Wraps the backend that is current at call time with the controls a desktop phone needs: microphone mute (silence
 * is sent, RTP keeps flowing, as other softphones do), speaker volume (a gain on received audio) and the
 * microphone level (peak of the last frame, for the level meter). The delegate can be replaced when the user picks
 * other devices; calls opened afterwards use the new one.
 *
 * <p>Thread-safe: the controls are volatile fields read by the media threads once per frame.
 */
public final class ControlledAudioBackend implements AudioBackend {
    private volatile AudioBackend delegate;
    private volatile boolean muted;
    private volatile float gain = 1f;
    private volatile float level;

    public ControlledAudioBackend(AudioBackend delegate) {
        this.delegate = delegate;
    }

    public void setDelegate(AudioBackend d) {
        this.delegate = d;
    }

    public AudioBackend delegate() {
        return delegate;
    }

    public void setMuted(boolean m) {
        muted = m;
    }

    public boolean muted() {
        return muted;
    }

    /** Speaker gain, 0 (silent) to 2 (+6 dB); 1 leaves received audio unchanged. */
    public void setGain(float g) {
        gain = Math.max(0f, Math.min(2f, g));
    }

    /** Peak level of the microphone in the current call, 0..1, measured before mute. */
    public float micLevel() {
        return level;
    }

    @Override
    public AudioSource openSource(int sampleRate) throws IOException {
        AudioSource src = delegate.openSource(sampleRate);
        return new ClosableSource() {
            @Override
            public void close() throws Exception {
                if (src instanceof AutoCloseable c) {
                    c.close();
                }
            }

            @Override
            public int sampleRate() {
                return src.sampleRate();
            }

            @Override
            public void read(short[] frame, int samples) {
                src.read(frame, samples);
                int peak = 0;
                for (int i = 0; i < samples; i++) {
                    peak = Math.max(peak, Math.abs(frame[i]));
                }
                level = Math.min(1f, peak / 32768f);
                if (muted) {
                    java.util.Arrays.fill(frame, 0, samples, (short) 0);
                }
            }
        };
    }

    @Override
    public AudioSink openSink(int sampleRate) throws IOException {
        AudioSink sink = delegate.openSink(sampleRate);
        return new AudioSink() {
            private short[] scaled = new short[0];

            @Override
            public int sampleRate() {
                return sink.sampleRate();
            }

            @Override
            public void write(short[] pcm, int samples) {
                float g = gain;
                if (g == 1f) {
                    sink.write(pcm, samples);
                    return;
                }
                if (scaled.length < samples) {
                    scaled = new short[samples];
                }
                for (int i = 0; i < samples; i++) {
                    int v = Math.round(pcm[i] * g);
                    scaled[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
                }
                sink.write(scaled, samples);
            }

            @Override
            public void close() {
                level = 0f;
                sink.close();
            }
        };
    }

    @Override
    public String description() {
        return delegate.description() + (muted ? " (muted)" : "");
    }

    /** A source that releases its device when the call ends. */
    private interface ClosableSource extends AudioSource, AutoCloseable {
    }
}
