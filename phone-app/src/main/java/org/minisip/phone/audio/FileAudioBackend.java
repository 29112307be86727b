package org.minisip.phone.audio;

import java.io.IOException;
import java.nio.file.Path;
import org.minisip.media.AudioSink;
import org.minisip.media.AudioSource;
import org.minisip.media.NullSink;
import org.minisip.media.SilenceSource;
import org.minisip.media.wav.WavFileSink;
import org.minisip.media.wav.WavFileSource;

/**
 * File and silent audio: sends a looped mono PCM WAV file (8, 16 or 48 kHz, resampled to the codec rate) or silence,
 * and records received audio to a 16-bit mono WAV file or discards it. Each call opens the files anew, so a
 * second call overwrites the recording of the first.
 *
 * @param play   WAV to send, or null for silence
 * @param record WAV to write, or null to discard
 */
public record FileAudioBackend(Path play, Path record) implements AudioBackend {

    /** Silence out, nothing recorded. */
    public static FileAudioBackend silent() {
        return new FileAudioBackend(null, null);
    }

    @Override
    public AudioSource openSource(int sampleRate) throws IOException {
        return play == null ? new SilenceSource(sampleRate) : new WavFileSource(play, sampleRate, true);
    }

    @Override
    public AudioSink openSink(int sampleRate) throws IOException {
        return record == null ? new NullSink(sampleRate) : new WavFileSink(record, sampleRate);
    }

    @Override
    public String description() {
        return (play == null ? "send silence" : "play " + play) + ", " + (record == null ? "discard" : "record " + record);
    }
}
