package org.minisip.phone.audio;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.minisip.media.AudioSink;
import org.minisip.media.AudioSource;
import org.minisip.phone.audio.DeviceEvent.Kind;
import org.minisip.phone.audio.DeviceEvent.Using;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sound devices chosen by name, surviving hot-plug: when the chosen microphone or speaker disappears during a call
 * (no longer listed, or its line throws), the call continues on the system default device, or on silence when
 * there is none; when the chosen device is listed again the call moves back to it. Each change is reported as a
 * {@link DeviceEvent} (the desktop phone shows it in the call window and the main window).
 *
 * <p>Threads: media threads only read/write the current line (never block, never open anything); a failure there
 * just marks the stream and wakes the watcher. All listing, opening and closing of lines happens on the
 * {@code watcher} executor (checks every {@code interval} while a call has audio open) or on the thread that opens
 * the call's audio (the engine thread). {@code events} is called on the watcher thread or the opening thread.
 */
public final class DeviceBackend implements AudioBackend {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceBackend.class);

    private final SoundSystem sound;
    private final String microphone;
    private final String speaker;
    private final Consumer<DeviceEvent> events;
    private final ScheduledExecutorService watcher;
    private final Duration interval;
    private final Set<Stream<?>> open = ConcurrentHashMap.newKeySet();
    private Future<?> periodic;

    /**
     * @param microphone chosen capture device name, or null for the system default
     * @param speaker    chosen playback device name, or null for the system default
     */
    public DeviceBackend(SoundSystem sound, String microphone, String speaker, Consumer<DeviceEvent> events,
                         ScheduledExecutorService watcher, Duration interval) {
        this.sound = sound;
        this.microphone = microphone;
        this.speaker = speaker;
        this.events = events;
        this.watcher = watcher;
        this.interval = interval;
    }

    @Override
    public AudioSource openSource(int sampleRate) {
        Capture c = new Capture(sampleRate);
        c.start();
        return c;
    }

    @Override
    public AudioSink openSink(int sampleRate) {
        Playback p = new Playback(sampleRate);
        p.start();
        return p;
    }

    @Override
    public String description() {
        return "sound devices: microphone " + (microphone == null ? "default" : microphone) + ", speaker "
                + (speaker == null ? "default" : speaker);
    }

    /** Checks every open stream now (also done every {@code interval}); runs on the watcher thread. */
    public void checkNow() {
        watcher.execute(this::checkAll);
    }

    private void checkAll() {
        for (Stream<?> s : open) {
            s.check();
        }
    }

    private synchronized void register(Stream<?> s) {
        open.add(s);
        if (periodic == null) {
            periodic = watcher.scheduleWithFixedDelay(this::checkAll, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void unregister(Stream<?> s) {
        open.remove(s);
        if (open.isEmpty() && periodic != null) {
            periodic.cancel(false);
            periodic = null;
        }
    }

    /** True when {@code name} is among the listed devices (exactly, else as a case-insensitive part of a name). */
    static boolean listed(List<String> present, String name) {
        if (present.contains(name)) {
            return true;
        }
        String n = name.toLowerCase(Locale.ROOT);
        return present.stream().anyMatch(p -> p.toLowerCase(Locale.ROOT).contains(n));
    }

    /** One call's capture or playback on a device that may come and go. */
    private abstract class Stream<L> {
        final Kind kind;
        final String wanted;
        final int rate;
        byte[] bytes = new byte[0];
        volatile L line;          // null: silence
        volatile L brokenLine;    // set by a media thread whose line threw
        private Using using = Using.NONE;   // guarded by this
        private boolean closed;             // guarded by this

        Stream(Kind kind, String wanted, int rate) {
            this.kind = kind;
            this.wanted = wanted;
            this.rate = rate;
        }

        abstract L open(String device) throws IOException;

        abstract void closeLine(L l);

        abstract List<String> present();

        /** Opens the chosen device, else the default, else silence; reports a chosen device that is missing. */
        void start() {
            synchronized (this) {
                if (tryOpen(wanted, Using.CHOSEN)) {
                    LOG.debug("{} {} open", kind, name(wanted));
                } else if (wanted != null && tryOpen(null, Using.SYSTEM_DEFAULT)) {
                    events.accept(new DeviceEvent(kind, wanted, true, Using.SYSTEM_DEFAULT));
                } else {
                    events.accept(new DeviceEvent(kind, wanted, true, Using.NONE));
                }
            }
            register(this);
        }

        /** Media thread: the line threw. The watcher replaces it; until then the stream is silent. */
        void failed(L l, RuntimeException e) {
            if (brokenLine != l) {
                brokenLine = l;
                LOG.info("{} {} failed: {}", kind, name(wanted), e.toString());
                watcher.execute(this::check);
            }
        }

        /** Watcher thread: moves off a device that went away, and back to the chosen one when it returns. */
        synchronized void check() {
            if (closed) {
                return;
            }
            L l = line;
            boolean broken = l != null && brokenLine == l;
            String current = using == Using.CHOSEN ? wanted : null;
            boolean gone = l != null && (broken || (current != null && !listed(present(), current)));
            if (gone) {
                line = null;
                closeQuietly(l);
                Using was = using;
                using = Using.NONE;
                String lost = was == Using.CHOSEN ? wanted : null;
                if (was == Using.CHOSEN && wanted != null && tryOpen(null, Using.SYSTEM_DEFAULT)) {
                    LOG.warn("{} '{}' disappeared; using the system default", kind, wanted);
                } else {
                    LOG.warn("{} {} disappeared; no device left, {}", kind, name(lost),
                            kind == Kind.MICROPHONE ? "sending silence" : "received audio is discarded");
                }
                events.accept(new DeviceEvent(kind, lost, true, using));
                return;
            }
            if (using == Using.CHOSEN) {
                return;
            }
            if (wanted == null || listed(present(), wanted)) {
                L old = line;
                Using was = using;
                if (tryOpen(wanted, Using.CHOSEN)) {
                    closeQuietly(old);
                    LOG.info("{} {} is back", kind, name(wanted));
                    events.accept(new DeviceEvent(kind, wanted, false, Using.CHOSEN));
                } else {
                    using = was;
                }
            } else if (using == Using.NONE && tryOpen(null, Using.SYSTEM_DEFAULT)) {
                events.accept(new DeviceEvent(kind, null, false, Using.SYSTEM_DEFAULT));
            }
        }

        private boolean tryOpen(String device, Using as) {
            try {
                line = open(device);
                using = as;
                return true;
            } catch (IOException | RuntimeException e) {
                LOG.debug("{} {} cannot be opened: {}", kind, name(device), e.toString());
                return false;
            }
        }

        private void closeQuietly(L l) {
            if (l == null) {
                return;
            }
            try {
                closeLine(l);
            } catch (RuntimeException e) {
                LOG.debug("closing {} line: {}", kind, e.toString());
            }
        }

        /** Any thread: stops using the device. */
        void stop() {
            unregister(this);
            L l;
            synchronized (this) {
                closed = true;
                l = line;
                line = null;
            }
            closeQuietly(l);
        }

        private String name(String device) {
            return device == null ? "system default" : "'" + device + "'";
        }
    }

    /** Capture: what the device has, padded with silence. */
    private final class Capture extends Stream<SoundSystem.CaptureLine> implements AudioSource, AutoCloseable {
        Capture(int rate) {
            super(Kind.MICROPHONE, microphone, rate);
        }

        @Override
        SoundSystem.CaptureLine open(String device) throws IOException {
            return sound.openCapture(device, rate);
        }

        @Override
        void closeLine(SoundSystem.CaptureLine l) {
            l.close();
        }

        @Override
        List<String> present() {
            return sound.microphones();
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
            SoundSystem.CaptureLine l = line;
            int got = 0;
            if (l != null && brokenLine != l) {
                try {
                    got = Math.max(0, Math.min(samples * 2, l.read(bytes, samples * 2)));
                } catch (RuntimeException e) {
                    failed(l, e);
                }
            }
            int n = got / 2;
            for (int i = 0; i < n; i++) {
                frame[i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
            }
            java.util.Arrays.fill(frame, n, samples, (short) 0);
        }

        @Override
        public void close() {
            stop();
        }
    }

    /** Playback: writes what fits; drops the rest (and everything while there is no device). */
    private final class Playback extends Stream<SoundSystem.PlaybackLine> implements AudioSink {
        Playback(int rate) {
            super(Kind.SPEAKER, speaker, rate);
        }

        @Override
        SoundSystem.PlaybackLine open(String device) throws IOException {
            return sound.openPlayback(device, rate);
        }

        @Override
        void closeLine(SoundSystem.PlaybackLine l) {
            l.close();
        }

        @Override
        List<String> present() {
            return sound.speakers();
        }

        @Override
        public int sampleRate() {
            return rate;
        }

        @Override
        public void write(short[] pcm, int samples) {
            SoundSystem.PlaybackLine l = line;
            if (l == null || brokenLine == l) {
                return;
            }
            if (bytes.length < samples * 2) {
                bytes = new byte[samples * 2];
            }
            for (int i = 0; i < samples; i++) {
                bytes[2 * i] = (byte) pcm[i];
                bytes[2 * i + 1] = (byte) (pcm[i] >> 8);
            }
            try {
                l.write(bytes, samples * 2);
            } catch (RuntimeException e) {
                failed(l, e);
            }
        }

        @Override
        public void close() {
            stop();
        }
    }
}
