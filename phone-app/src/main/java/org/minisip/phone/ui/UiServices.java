package org.minisip.phone.ui;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.IntConsumer;
import org.minisip.media.codec.CodecRegistry;
import org.minisip.phone.audio.ControlledAudioBackend;
import org.minisip.phone.audio.TonePlayer;
import org.minisip.phone.config.DataDir;
import org.minisip.phone.config.HistoryStore;
import org.minisip.phone.config.PhoneTrust;
import org.minisip.phone.config.SettingsStore;

/**
 * What the desktop phone's parts share, built once by {@link DesktopApp}.
 *
 * @param worker one background thread for everything that may block (engine start/stop, file writes, device
 *               probing, TLS trust set-up), so the EDT never waits
 * @param exit   what "Quit" finally does with the exit status ({@code System::exit} in the app, a no-op in tests)
 * @param devices the audio backend for chosen devices (by name; follows hot-plug); called on the worker thread
 */
record UiServices(Messages msg, DataDir dataDir, SettingsStore settingsStore, HistoryStore historyStore,
                  PhoneTrust trust, ControlledAudioBackend audio, TonePlayer ringer, CodecRegistry codecs,
                  ExecutorService worker, IntConsumer exit,
                  java.util.function.Function<org.minisip.phone.config.Settings.Audio,
                          org.minisip.phone.audio.AudioBackend> devices) {

    List<String> codecNames() {
        return codecs.all().stream().map(c -> c.encodingName().toUpperCase(java.util.Locale.ROOT)).toList();
    }
}
