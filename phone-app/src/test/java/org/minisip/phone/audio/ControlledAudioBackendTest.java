package org.minisip.phone.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.media.AudioSink;
import org.minisip.media.AudioSource;
import org.minisip.media.wav.WavFileSource;

/** Mute sends silence but still measures the microphone; volume scales received audio with clipping. */
class ControlledAudioBackendTest {
    @TempDir
    Path dir;

    @Test
    void muteSilencesTheSourceAndTheLevelStillShows() throws Exception {
        AudioBackend loud = new AudioBackend() {
            @Override
            public AudioSource openSource(int rate) {
                return new AudioSource() {
                    @Override
                    public int sampleRate() {
                        return rate;
                    }

                    @Override
                    public void read(short[] frame, int samples) {
                        java.util.Arrays.fill(frame, 0, samples, (short) 16384);
                    }
                };
            }

            @Override
            public AudioSink openSink(int rate) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String description() {
                return "loud";
            }
        };
        ControlledAudioBackend b = new ControlledAudioBackend(loud);
        AudioSource src = b.openSource(8000);
        short[] frame = new short[160];
        src.read(frame, 160);
        assertThat(frame[0]).isEqualTo((short) 16384);
        assertThat(b.micLevel()).isEqualTo(0.5f);
        b.setMuted(true);
        src.read(frame, 160);
        assertThat(frame).containsOnly((short) 0);
        assertThat(b.micLevel()).isEqualTo(0.5f);
    }

    @Test
    void volumeScalesAndClips() throws Exception {
        Path wav = dir.resolve("out.wav");
        ControlledAudioBackend b = new ControlledAudioBackend(new FileAudioBackend(null, wav));
        b.setGain(2f);
        AudioSink sink = b.openSink(8000);
        sink.write(new short[] {1000, 20000, -20000}, 3);
        sink.close();
        short[] back = new short[3];
        new WavFileSource(wav, 8000, false).read(back, 3);
        assertThat(back).containsExactly((short) 2000, Short.MAX_VALUE, Short.MIN_VALUE);
    }
}
