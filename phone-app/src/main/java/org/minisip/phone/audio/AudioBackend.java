package org.minisip.phone.audio;

import java.io.IOException;
import org.minisip.media.AudioSink;
import org.minisip.media.AudioSource;

/**
 * Where a call's audio comes from and goes to: files, silence or a sound device. The engine opens one source and one
 * sink per call, at the codec's sample rate, when the call is answered, and closes the sink when the call ends.
 * Sources and sinks are then used from the media threads only.
 *
 * <p>Implementations: {@link FileAudioBackend} (WAV file or silence / WAV file or discard) and
 * {@link JavaSoundBackend} (javax.sound.sampled capture and playback).
 */
public interface AudioBackend {

    /** Audio to send, delivering mono 16-bit samples at {@code sampleRate}. */
    AudioSource openSource(int sampleRate) throws IOException;

    /** Receives decoded mono 16-bit samples at {@code sampleRate}. */
    AudioSink openSink(int sampleRate) throws IOException;

    /** Human-readable description for logs, e.g. {@code "play a.wav, record silence"}. */
    String description();
}
