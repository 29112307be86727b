package org.minisip.phone.audio;

import java.io.PrintStream;
import java.nio.file.Path;

/** Chooses the audio backend for the headless phone from its options. */
public final class AudioBackends {
    private AudioBackends() {
    }

    /**
     * A sound device when {@code device} is given and usable; when it is given but unusable, a visible notice on
     * {@code err} and silence; otherwise files ({@code play}/{@code record}, each optional) or silence.
     */
    public static AudioBackend choose(String device, Path play, Path record, PrintStream err) {
        if (device == null) {
            return new FileAudioBackend(play, record);
        }
        return JavaSoundBackend.probe(device).<AudioBackend>map(b -> b).orElseGet(() -> {
            err.println("minisipphone: NOTICE: audio device '" + device + "' is not available on this machine;"
                    + " sending silence and discarding received audio");
            err.flush();
            return FileAudioBackend.silent();
        });
    }
}
