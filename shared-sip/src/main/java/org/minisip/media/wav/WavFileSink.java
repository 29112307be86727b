package org.minisip.media.wav;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.minisip.media.AudioSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records everything written to it as a 16-bit mono WAV file. The header is fixed up every
 * second of audio and on {@link #close()}, so the file is valid even if the process dies.
 *
 * <p>Thread-safe for one writer thread plus {@link #close()} from any other thread: both are
 * serialised on this object; writes after close are ignored. A write error is logged once at
 * debug, counted in {@link #errors()}, and closes the recording.
 */
public final class WavFileSink implements AudioSink {

    private static final Logger LOG = LoggerFactory.getLogger(WavFileSink.class);

    private final WavWriter writer;
    private final int rate;
    private final Path file;
    private long sinceFlush;
    private boolean closed;
    private long errors;

    /**
     * @throws UncheckedIOException wrapping the {@link IOException} if the file cannot be created
     */
    public WavFileSink(Path file, int sampleRate) {
        try {
            this.writer = new WavWriter(file, sampleRate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.rate = sampleRate;
        this.file = file;
    }

    @Override
    public int sampleRate() {
        return rate;
    }

    /** The file being written. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized void write(short[] pcm, int samples) {
        if (closed) {
            return;
        }
        try {
            writer.write(pcm, 0, samples);
            sinceFlush += samples;
            if (sinceFlush >= rate) {
                writer.flushHeader();
                sinceFlush = 0;
            }
        } catch (IOException e) {
            errors++;
            LOG.debug("recording to {} failed; closing", file, e);
            close();
        }
    }

    /** Samples recorded so far. */
    public synchronized long samplesWritten() {
        return writer.samplesWritten();
    }

    /** Write errors seen (at most 1, since an error closes the sink). */
    public synchronized long errors() {
        return errors;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.close();
        } catch (IOException e) {
            errors++;
            LOG.debug("closing recording {} failed", file, e);
        }
    }
}
