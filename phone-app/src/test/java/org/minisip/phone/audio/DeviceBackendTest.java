package org.minisip.phone.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minisip.media.AudioSink;
import org.minisip.media.AudioSource;
import org.minisip.phone.audio.DeviceEvent.Kind;
import org.minisip.phone.audio.DeviceEvent.Using;

/**
 * Hot-plug with a fake sound system: the chosen headset disappears mid-call (unlisted, or its line throws), the call
 * goes on with the system default (or silence when there is none) and says so, and moves back when the headset
 * returns.
 */
class DeviceBackendTest {
    private final FakeSound sound = new FakeSound();
    private final List<DeviceEvent> events = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
    // a long period: the test drives the checks itself with checkNow()
    private final DeviceBackend backend = new DeviceBackend(sound, "USB Headset", "USB Headset", events::add, watcher,
            Duration.ofHours(1));

    @AfterEach
    void stop() {
        watcher.shutdownNow();
    }

    @Test
    void unpluggedHeadsetFallsBackToTheDefaultAndComesBack() throws Exception {
        sound.present("USB Headset", "Built-in");
        AudioSource mic = backend.openSource(8000);
        AudioSink spk = backend.openSink(8000);
        assertThat(events).isEmpty();
        assertThat(read(mic)).isEqualTo(FakeSound.HEADSET_SAMPLE);
        spk.write(new short[] {7, 7}, 2);
        assertThat(sound.written("USB Headset")).isEqualTo(2);

        sound.unplug("USB Headset");            // no longer listed; its lines throw from now on
        assertThat(read(mic)).isZero();         // the media thread never throws and never blocks
        spk.write(new short[] {1, 1}, 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 2);
        assertThat(events).containsExactlyInAnyOrder(
                new DeviceEvent(Kind.MICROPHONE, "USB Headset", true, Using.SYSTEM_DEFAULT),
                new DeviceEvent(Kind.SPEAKER, "USB Headset", true, Using.SYSTEM_DEFAULT));
        assertThat(read(mic)).isEqualTo(FakeSound.DEFAULT_SAMPLE);
        spk.write(new short[] {3, 3, 3}, 3);
        assertThat(sound.written(null)).isEqualTo(3);
        assertThat(sound.openLines("USB Headset")).isZero();   // the dead lines were closed

        events.clear();
        sound.plug("USB Headset");
        backend.checkNow();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 2);
        assertThat(events).containsExactlyInAnyOrder(
                new DeviceEvent(Kind.MICROPHONE, "USB Headset", false, Using.CHOSEN),
                new DeviceEvent(Kind.SPEAKER, "USB Headset", false, Using.CHOSEN));
        assertThat(read(mic)).isEqualTo(FakeSound.HEADSET_SAMPLE);
        assertThat(sound.openLines(null)).isZero();

        ((AutoCloseable) mic).close();
        spk.close();
        assertThat(sound.openLines("USB Headset")).isZero();
    }

    @Test
    void stillListedButThrowingLineIsReplacedToo() throws Exception {
        sound.present("USB Headset");
        AudioSource mic = backend.openSource(16000);
        sound.breakLines("USB Headset");        // e.g. the driver errors without unlisting the device
        assertThat(read(mic)).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
        assertThat(events.get(0)).isEqualTo(new DeviceEvent(Kind.MICROPHONE, "USB Headset", true, Using.SYSTEM_DEFAULT));
        assertThat(read(mic)).isEqualTo(FakeSound.DEFAULT_SAMPLE);
    }

    @Test
    void noDeviceLeftMeansSilenceAndSaysSo() throws Exception {
        sound.present("USB Headset");
        sound.defaultWorks = false;
        AudioSource mic = backend.openSource(8000);
        sound.unplug("USB Headset");
        backend.checkNow();
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
        assertThat(events).containsExactly(new DeviceEvent(Kind.MICROPHONE, "USB Headset", true, Using.NONE));
        assertThat(read(mic)).isZero();
    }

    @Test
    void aChosenDeviceMissingAtCallStartIsReportedAndTheDefaultUsed() {
        sound.present("Built-in");
        AudioSource mic = backend.openSource(8000);
        assertThat(events).containsExactly(new DeviceEvent(Kind.MICROPHONE, "USB Headset", true, Using.SYSTEM_DEFAULT));
        assertThat(read(mic)).isEqualTo(FakeSound.DEFAULT_SAMPLE);
    }

    @Test
    void namesMatchExactlyOrAsPart() {
        assertThat(DeviceBackend.listed(List.of("USB Headset [plughw:1,0]"), "usb headset")).isTrue();
        assertThat(DeviceBackend.listed(List.of("Built-in"), "USB Headset")).isFalse();
    }

    private static short read(AudioSource src) {
        short[] f = new short[160];
        src.read(f, 160);
        return f[0];
    }

    /** Devices by name (null = system default); a device's lines throw once it is unplugged or broken. */
    private static final class FakeSound implements SoundSystem {
        static final short HEADSET_SAMPLE = 1111;
        static final short DEFAULT_SAMPLE = 2222;
        private final List<String> present = new CopyOnWriteArrayList<>();
        private final List<String> broken = new CopyOnWriteArrayList<>();
        private final List<Object[]> lines = new CopyOnWriteArrayList<>(); // {device, open flag, written count}
        volatile boolean defaultWorks = true;

        void present(String... names) {
            present.addAll(List.of(names));
        }

        void unplug(String name) {
            present.remove(name);
            broken.add(name);
        }

        void breakLines(String name) {
            broken.add(name);
        }

        void plug(String name) {
            present.add(name);
            broken.remove(name);
        }

        int written(String device) {
            return lines.stream().filter(l -> java.util.Objects.equals(l[0], device)).mapToInt(l -> (int) l[2]).sum();
        }

        long openLines(String device) {
            return lines.stream().filter(l -> java.util.Objects.equals(l[0], device) && (boolean) l[1]).count();
        }

        @Override
        public List<String> microphones() {
            return new ArrayList<>(present);
        }

        @Override
        public List<String> speakers() {
            return new ArrayList<>(present);
        }

        private Object[] open(String device) throws IOException {
            if (device == null ? !defaultWorks : !present.contains(device)) {
                throw new IOException("no device " + device);
            }
            Object[] l = {device, true, 0};
            lines.add(l);
            return l;
        }

        private void check(Object[] l) {
            if (l[0] != null && broken.contains((String) l[0])) {
                throw new IllegalStateException("device gone");
            }
        }

        @Override
        public CaptureLine openCapture(String device, int rate) throws IOException {
            Object[] l = open(device);
            return new CaptureLine() {
                @Override
                public int read(byte[] buf, int len) {
                    check(l);
                    short v = l[0] == null ? DEFAULT_SAMPLE : HEADSET_SAMPLE;
                    for (int i = 0; i + 1 < len; i += 2) {
                        buf[i] = (byte) v;
                        buf[i + 1] = (byte) (v >> 8);
                    }
                    return len;
                }

                @Override
                public void close() {
                    l[1] = false;
                }
            };
        }

        @Override
        public PlaybackLine openPlayback(String device, int rate) throws IOException {
            Object[] l = open(device);
            return new PlaybackLine() {
                @Override
                public int write(byte[] buf, int len) {
                    check(l);
                    l[2] = (int) l[2] + len / 2;
                    return len;
                }

                @Override
                public void close() {
                    l[1] = false;
                }
            };
        }
    }
}
