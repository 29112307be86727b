package org.minisip.media.wav;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams 16-bit mono PCM into a RIFF/WAVE file. A 44-byte header with provisional sizes is
 * written on open; the sizes are rewritten by {@link #flushHeader()} (also called on close), so
 * even a file whose writer was never closed stays readable up to the last flush.
 *
 * <p>Not thread-safe (see {@link WavFileSink} for a thread-safe wrapper). {@link #write} reuses
 * one internal byte buffer and does not allocate.
 */
public final class WavWriter implements Closeable {

    private static final int HEADER = 44;
    private final FileChannel ch;
    private final WavFormat format;
    private final ByteBuffer buf = ByteBuffer.allocate(8192).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
    private long dataBytes;
    private boolean closed;

    /** Creates (or truncates) {@code file} and writes the header. */
    public WavWriter(Path file, int sampleRate) throws IOException {
        this.format = WavFormat.mono16(sampleRate);
        this.ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        flushHeader();
    }

    /** The (16-bit mono) format being written. */
    public WavFormat format() {
        return format;
    }

    /** Appends {@code pcm[off..off+n)}. */
    public void write(short[] pcm, int off, int n) throws IOException {
        if (closed) {
            throw new IOException("WAV writer closed");
        }
        int i = 0;
        while (i < n) {
            buf.clear();
            int k = Math.min(n - i, buf.capacity() / 2);
            for (int j = 0; j < k; j++) {
                buf.putShort(pcm[off + i + j]);
            }
            buf.flip();
            while (buf.hasRemaining()) {
                ch.write(buf, HEADER + dataBytes + buf.position());
            }
            i += k;
            dataBytes += 2L * k;
        }
    }

    /** Number of samples written so far. */
    public long samplesWritten() {
        return dataBytes / 2;
    }

    /** Rewrites the RIFF and data sizes to match what has been written so far. */
    public void flushHeader() throws IOException {
        long riff = Math.min(0xFFFFFFFFL, 36 + dataBytes);
        long data = Math.min(0xFFFFFFFFL, dataBytes);
        header.clear();
        header.put((byte) 'R').put((byte) 'I').put((byte) 'F').put((byte) 'F');
        header.putInt((int) riff);
        header.put((byte) 'W').put((byte) 'A').put((byte) 'V').put((byte) 'E');
        header.put((byte) 'f').put((byte) 'm').put((byte) 't').put((byte) ' ');
        header.putInt(16).putShort((short) 1).putShort((short) 1);
        header.putInt(format.sampleRate()).putInt(format.byteRate());
        header.putShort((short) format.blockAlign()).putShort((short) 16);
        header.put((byte) 'd').put((byte) 'a').put((byte) 't').put((byte) 'a');
        header.putInt((int) data);
        header.flip();
        long pos = 0;
        while (header.hasRemaining()) {
            pos += ch.write(header, pos);
        }
    }

    /** Fixes up the header and closes the file. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flushHeader();
        } finally {
            ch.close();
        }
    }
}
