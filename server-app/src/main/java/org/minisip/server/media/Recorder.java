package org.minisip.server.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import org.minisip.media.wav.WavWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a mixer's full mix to a mono 16-bit WAV file. Frames are copied on the mixer thread and written by the
 * server's recording executor, so disk I/O never stalls the mix. Errors are logged once; the call goes on.
 */
public final class Recorder implements Mixer.FrameTap {
    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    private final Path file;
    private final ExecutorService io;
    private WavWriter writer;
    private boolean failed;
    private volatile boolean closed;

    public Recorder(Path file, ExecutorService io) {
        this.file = file;
        this.io = io;
    }

    public Path file() {
        return file;
    }

    @Override
    public void frame(short[] pcm, int n) {
        if (closed) {
            return;
        }
        short[] copy = java.util.Arrays.copyOf(pcm, n);
        io.execute(() -> append(copy));
    }

    private void append(short[] pcm) {
        if (failed) {
            return;
        }
        try {
            if (writer == null) {
                Files.createDirectories(file.getParent());
                writer = new WavWriter(file, Mixer.RATE);
            }
            writer.write(pcm, 0, pcm.length);
        } catch (IOException e) {
            failed = true;
            LOG.error("recording {} failed: {}", file, e.toString());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        io.execute(() -> {
            try {
                if (writer != null) {
                    writer.close();
                    LOG.info("recording {} closed: {} s", file, writer.samplesWritten() / Mixer.RATE);
                }
            } catch (IOException e) {
                LOG.error("closing recording {}: {}", file, e.toString());
            }
        });
    }
}
