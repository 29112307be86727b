package org.minisip.phone.ui;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import org.minisip.media.codec.CodecRegistry;
import org.minisip.phone.audio.ControlledAudioBackend;
import org.minisip.phone.audio.DeviceBackend;
import org.minisip.phone.audio.DeviceEvent;
import org.minisip.phone.audio.JavaSoundSystem;
import org.minisip.phone.audio.SoundSystem;
import org.minisip.phone.audio.FileAudioBackend;
import org.minisip.phone.audio.TonePlayer;
import org.minisip.phone.config.DataDir;
import org.minisip.phone.config.HistoryEntry;
import org.minisip.phone.config.HistoryStore;
import org.minisip.phone.config.Loaded;
import org.minisip.phone.config.PhoneTrust;
import org.minisip.phone.config.Settings;
import org.minisip.phone.config.SettingsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop phone, assembled: data directory, settings and history (a corrupt file is reported and backed up),
 * language, FlatLaf theme, audio (silence until the devices are probed in the background; a notice when there are
 * none), then the main window. The one place the UI's parts are wired together.
 */
public final class DesktopApp {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);
    /** How often open calls look for a chosen sound device that went away or came back. */
    private static final java.time.Duration DEVICE_CHECK = java.time.Duration.ofSeconds(2);
    private final PhoneController controller;
    private final ExecutorService worker;

    private DesktopApp(PhoneController controller, ExecutorService worker) {
        this.controller = controller;
        this.worker = worker;
    }

    /**
     * Starts the phone and returns once the main window is visible. Call from a thread other than the EDT (it reads
     * files and waits for the EDT).
     *
     * @param exit receives the exit status when the user quits (after the engine has unregistered)
     */
    public static DesktopApp start(DataDir dir, IntConsumer exit) throws IOException {
        return start(dir, exit, new JavaSoundSystem());
    }

    /** As {@link #start(DataDir, IntConsumer)} with the given sound devices (tests plug and unplug fake ones). */
    public static DesktopApp start(DataDir dir, IntConsumer exit, SoundSystem sound) throws IOException {
        dir.create();
        SettingsStore settingsStore = new SettingsStore(dir.settings());
        HistoryStore historyStore = new HistoryStore(dir.history());
        Loaded<Settings> settings = settingsStore.load();
        Loaded<List<HistoryEntry>> history = historyStore.load();
        Messages msg = Messages.forSetting(settings.value().language(), Locale.getDefault());
        boolean dark = Theme.dark(settings.value().theme());
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ui-worker");
            t.setDaemon(true);
            return t;
        });
        ControlledAudioBackend audio = new ControlledAudioBackend(FileAudioBackend.silent());
        ScheduledExecutorService audioWatch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audio-watch");
            t.setDaemon(true);
            return t;
        });
        AtomicReference<PhoneController> ctl = new AtomicReference<>();
        Consumer<DeviceEvent> deviceEvents = EventBridge.onEdt(e -> ctl.get().audioDevice(e));
        UiServices services = new UiServices(msg, dir, settingsStore, historyStore, new PhoneTrust(dir), audio,
                new TonePlayer(), CodecRegistry.defaults(), worker, exit,
                chosen -> new DeviceBackend(sound, chosen.microphone(), chosen.speaker(), deviceEvents, audioWatch,
                        DEVICE_CHECK));
        PhoneController controller = new PhoneController(services, settings.value(), history.value());
        ctl.set(controller);
        try {
            SwingUtilities.invokeAndWait(() -> {
                Theme.install(dark);
                controller.show();
                if (settings.failed()) {
                    controller.notice(msg.get("notice.settingsCorrupt", dir.settings(), settings.problem(),
                            settings.backup() == null ? "-" : settings.backup().getFileName()));
                }
                if (history.failed()) {
                    controller.notice(msg.get("notice.historyCorrupt", dir.history(), history.problem(),
                            history.backup() == null ? "-" : history.backup().getFileName()));
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the UI", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot start the UI", e.getCause());
        }
        Settings.Audio a = settings.value().audio();
        worker.execute(() -> {
            if (sound.microphones().isEmpty() && sound.speakers().isEmpty()) {
                LOG.info("no sound devices; calls connect without audio");
                SwingUtilities.invokeLater(() -> controller.notice(msg.get("notice.noAudio")));
            } else {
                audio.setDelegate(services.devices().apply(a));
            }
        });
        return new DesktopApp(controller, worker);
    }

    /** The main window (for tests and measurements). */
    public JFrame mainWindow() {
        return controller.mainWindow();
    }

    /** Quits as "Quit" does, without the exit callback: hangs up, unregisters, closes windows. Blocks. */
    public void close() throws InterruptedException {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        SwingUtilities.invokeLater(() -> controller.shutdown(done::countDown));
        done.await(15, TimeUnit.SECONDS);
        worker.shutdownNow();
    }
}
