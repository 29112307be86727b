package org.minisip.media.srtp;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * A re-pointable {@link ByteArrayBuffer} over a caller's array, so jitsi-srtp transforms packets
 * in place without allocating. Unlike jitsi's own implementation it never reallocates: growing
 * past the array end throws, which {@link SrtpSession} prevents by checking spare room first.
 *
 * <p>Not thread-safe; each direction of an {@link SrtpSession} owns one instance under its lock.
 */
final class BufferView implements ByteArrayBuffer {

    private byte[] buffer;
    private int offset;
    private int length;

    void point(byte[] buf, int off, int len) {
        this.buffer = buf;
        this.offset = off;
        this.length = len;
    }

    void release() {
        this.buffer = null;
    }

    @Override
    public byte[] getBuffer() {
        return buffer;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int len) {
        if (len < 0 || offset + len > buffer.length) {
            throw new IllegalArgumentException("length");
        }
        this.length = len;
    }

    @Override
    public void setOffset(int off) {
        if (off < 0 || off + length > buffer.length) {
            throw new IllegalArgumentException("offset");
        }
        this.offset = off;
    }

    @Override
    public boolean isInvalid() {
        return false;
    }

    @Override
    public void readRegionToBuff(int off, int len, byte[] out) {
        int start = offset + off;
        if (off < 0 || len <= 0 || start + len > buffer.length || out.length < len) {
            return;
        }
        System.arraycopy(buffer, start, out, 0, len);
    }

    @Override
    public void grow(int howMuch) {
        if (howMuch < 0 || offset + length + howMuch > buffer.length) {
            throw new IllegalStateException("no spare room in caller's SRTP buffer");
        }
    }

    @Override
    public void append(byte[] data, int len) {
        if (data == null || len == 0) {
            return;
        }
        grow(len);
        System.arraycopy(data, 0, buffer, offset + length, len);
        length += len;
    }

    @Override
    public void shrink(int len) {
        if (len > 0) {
            length = Math.max(0, length - len);
        }
    }
}
