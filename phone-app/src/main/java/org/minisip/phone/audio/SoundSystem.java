package org.minisip.phone.audio;

import java.io.IOException;
import java.util.List;

/**
 * The sound devices of the machine, as {@link DeviceBackend} needs them: what is plugged in now, and lines that can
 * be opened on a named device or the system default. {@link JavaSoundSystem} is the javax.sound implementation; tests
 * use a fake, which is how a device that disappears (no longer listed, or a line that throws) is proven.
 *
 * <p>Listing and opening may be slow and touch the sound system: {@link DeviceBackend} calls them on its watcher
 * thread only, never on a media thread or the EDT. Line reads and writes are called on media threads and must not
 * block.
 */
public interface SoundSystem {

    /** Names of the capture devices present now (empty when none, never throws). */
    List<String> microphones();

    /** Names of the playback devices present now (empty when none, never throws). */
    List<String> speakers();

    /** Opens and starts mono 16-bit little-endian capture at {@code rate}; {@code device} null = system default. */
    CaptureLine openCapture(String device, int rate) throws IOException;

    /** Opens and starts mono 16-bit little-endian playback at {@code rate}; {@code device} null = system default. */
    PlaybackLine openPlayback(String device, int rate) throws IOException;

    /** An open capture line. A device that went away may make {@link #read} throw a RuntimeException. */
    interface CaptureLine {
        /** Reads up to {@code len} bytes that are already captured, without blocking; returns how many. */
        int read(byte[] buf, int len);

        void close();
    }

    /** An open playback line. A device that went away may make {@link #write} throw a RuntimeException. */
    interface PlaybackLine {
        /** Writes up to {@code len} bytes that fit without blocking; returns how many. */
        int write(byte[] buf, int len);

        void close();
    }
}
