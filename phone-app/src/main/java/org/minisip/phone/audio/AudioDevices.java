package org.minisip.phone.audio;

import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/**
 * The javax.sound devices usable for calls (mono 16-bit PCM at 8 kHz). Enumeration can be slow and may touch the
 * sound system: call off the Swing thread. Never throws: a broken sound system lists nothing.
 */
public final class AudioDevices {
    private AudioDevices() {
    }

    /** What the machine offers: capture devices (microphones) and playback devices (speakers, ringers). */
    public record Inventory(List<String> microphones, List<String> speakers) {
        public boolean none() {
            return microphones.isEmpty() && speakers.isEmpty();
        }
    }

    public static Inventory scan() {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        AudioFormat f = new AudioFormat(8000, 16, 1, true, false);
        try {
            for (Mixer.Info mi : AudioSystem.getMixerInfo()) {
                Mixer m = AudioSystem.getMixer(mi);
                if (m.isLineSupported(new DataLine.Info(TargetDataLine.class, f))) {
                    in.add(mi.getName());
                }
                if (m.isLineSupported(new DataLine.Info(SourceDataLine.class, f))) {
                    out.add(mi.getName());
                }
            }
        } catch (RuntimeException | LinkageError e) {
            return new Inventory(List.of(), List.of());
        }
        return new Inventory(List.copyOf(in), List.copyOf(out));
    }

    /** The backend for a call: the named devices (null = default) when usable, otherwise silence. */
    public static AudioBackend backendFor(String microphone, String speaker) {
        String name = microphone != null ? microphone : speaker != null ? speaker : "default";
        return JavaSoundBackend.probe(name).<AudioBackend>map(b -> b)
                .or(() -> JavaSoundBackend.probe("default").map(b -> b))
                .orElseGet(FileAudioBackend::silent);
    }
}
