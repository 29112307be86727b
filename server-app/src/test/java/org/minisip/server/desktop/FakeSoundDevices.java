package org.minisip.server.desktop;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.minisip.phone.audio.SoundSystem;

/**
 * Sound devices a test can plug and unplug: lines of an unplugged device throw, as javax.sound lines of a vanished
 * device do; the system default (null) always works. Capture delivers silence, playback swallows what it gets.
 */
final class FakeSoundDevices implements SoundSystem {
    private final List<String> present = new CopyOnWriteArrayList<>();

    FakeSoundDevices(String... names) {
        present.addAll(List.of(names));
    }

    void unplug(String name) {
        present.remove(name);
    }

    void plug(String name) {
        present.add(name);
    }

    @Override
    public List<String> microphones() {
        return new ArrayList<>(present);
    }

    @Override
    public List<String> speakers() {
        return new ArrayList<>(present);
    }

    private void check(String device) {
        if (device != null && !present.contains(device)) {
            throw new IllegalStateException("device " + device + " is gone");
        }
    }

    private void checkOpen(String device) throws IOException {
        if (device != null && !present.contains(device)) {
            throw new IOException("no device " + device);
        }
    }

    @Override
    public CaptureLine openCapture(String device, int rate) throws IOException {
        checkOpen(device);
        return new CaptureLine() {
            @Override
            public int read(byte[] buf, int len) {
                check(device);
                return 0;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public PlaybackLine openPlayback(String device, int rate) throws IOException {
        checkOpen(device);
        return new PlaybackLine() {
            @Override
            public int write(byte[] buf, int len) {
                check(device);
                return len;
            }

            @Override
            public void close() {
            }
        };
    }
}
