package org.minisip.media.wav;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a whole RIFF/WAVE PCM file into memory as 16-bit mono samples.
 *
 * <p>Accepts WAVE_FORMAT_PCM (and WAVE_FORMAT_EXTENSIBLE with a PCM sub-format) with 16-bit
 * signed or 8-bit unsigned samples and any channel count (channels are averaged to mono).
 * Unknown chunks are skipped (with RIFF odd-size padding). Anything else — not RIFF/WAVE,
 * compressed formats, 24/32-bit or float samples, missing chunks — is reported with an
 * {@link IOException} whose message says what was found. A truncated data chunk is accepted up
 * to the last complete sample frame. Instances are immutable once constructed.
 */
public final class WavReader {

    private static final int WAVE_FORMAT_PCM = 1;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;

    private final WavFormat format;
    private final short[] samples;

    private WavReader(WavFormat format, short[] samples) {
        this.format = format;
        this.samples = samples;
    }

    /** Reads and parses {@code file}. */
    public static WavReader read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads and parses a stream; {@code name} is used in error messages. Does not close it. */
    public static WavReader read(InputStream stream, String name) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream));
        byte[] id = new byte[4];
        try {
            in.readFully(id);
            if (!"RIFF".equals(ascii(id))) {
                throw new IOException(name + ": not a RIFF file");
            }
            readLe32(in);
            in.readFully(id);
            if (!"WAVE".equals(ascii(id))) {
                throw new IOException(name + ": RIFF file is not WAVE but " + ascii(id));
            }
            WavFormat fmt = null;
            while (true) {
                in.readFully(id);
                long size = readLe32(in) & 0xFFFFFFFFL;
                String chunk = ascii(id);
                if ("fmt ".equals(chunk)) {
                    fmt = parseFmt(in, size, name);
                } else if ("data".equals(chunk)) {
                    if (fmt == null) {
                        throw new IOException(name + ": data chunk before fmt chunk");
                    }
                    return new WavReader(fmt, readData(in, size, fmt));
                } else {
                    skip(in, size + (size & 1));
                }
            }
        } catch (EOFException e) {
            throw new IOException(name + ": truncated WAVE file (no data chunk)", e);
        }
    }

    /** Format of the file as stored (before down-mixing). */
    public WavFormat format() {
        return format;
    }

    /** Sample rate in Hz. */
    public int sampleRate() {
        return format.sampleRate();
    }

    /** The mono 16-bit samples; a fresh copy. */
    public short[] samples() {
        return samples.clone();
    }

    /** Number of mono samples. */
    public int length() {
        return samples.length;
    }

    private static WavFormat parseFmt(DataInputStream in, long size, String name)
            throws IOException {
        if (size < 16) {
            throw new IOException(name + ": fmt chunk too short (" + size + ")");
        }
        int tag = readLe16(in);
        int channels = readLe16(in);
        int rate = readLe32(in);
        readLe32(in);
        readLe16(in);
        int bits = readLe16(in);
        long rest = size - 16;
        if (tag == WAVE_FORMAT_EXTENSIBLE && rest >= 10) {
            readLe16(in);
            readLe16(in);
            readLe32(in);
            tag = readLe16(in);
            rest -= 10;
        }
        skip(in, rest + (size & 1));
        if (tag != WAVE_FORMAT_PCM) {
            throw new IOException(name + ": unsupported WAVE format tag " + tag
                    + " (only PCM is supported)");
        }
        if (bits != 8 && bits != 16) {
            throw new IOException(name + ": unsupported " + bits
                    + "-bit samples (only 8 and 16 bit PCM)");
        }
        if (channels < 1 || rate <= 0) {
            throw new IOException(name + ": invalid fmt chunk: " + channels + " channels, "
                    + rate + " Hz");
        }
        return new WavFormat(rate, channels, bits);
    }

    private static short[] readData(DataInputStream in, long size, WavFormat fmt)
            throws IOException {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException("WAVE data chunk too large: " + size);
        }
        byte[] raw = in.readNBytes((int) size);
        int block = fmt.blockAlign();
        int frames = raw.length / block;
        int ch = fmt.channels();
        short[] out = new short[frames];
        int p = 0;
        for (int f = 0; f < frames; f++) {
            int sum = 0;
            for (int c = 0; c < ch; c++) {
                if (fmt.bitsPerSample() == 16) {
                    sum += (short) ((raw[p] & 0xFF) | (raw[p + 1] << 8));
                    p += 2;
                } else {
                    sum += ((raw[p] & 0xFF) - 128) << 8;
                    p++;
                }
            }
            out[f] = (short) (sum / ch);
        }
        return out;
    }

    private static void skip(DataInputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException();
                }
                s = 1;
            }
            left -= s;
        }
    }

    private static String ascii(byte[] b) {
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static int readLe16(DataInputStream in) throws IOException {
        int a = in.readUnsignedByte();
        int b = in.readUnsignedByte();
        return a | (b << 8);
    }

    private static int readLe32(DataInputStream in) throws IOException {
        return readLe16(in) | (readLe16(in) << 16);
    }
}
