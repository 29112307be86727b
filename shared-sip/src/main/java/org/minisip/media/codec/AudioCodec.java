package org.minisip.media.codec;

/**
 * A sample-by-sample audio codec usable on an RTP stream (RFC 3551 static payload types).
 *
 * <p>Implementations are stateless and therefore thread-safe; {@link #encode} and {@link #decode}
 * never allocate and never retain the caller's buffers. Buffer ownership stays with the caller.
 */
public interface AudioCodec {

    /** RTP encoding name as used in SDP {@code a=rtpmap}, e.g. {@code "PCMU"}. */
    String encodingName();

    /** Static RTP payload type (RFC 3551 §6), e.g. 0 for PCMU, 8 for PCMA. */
    int payloadType();

    /** RTP timestamp clock rate in Hz. */
    int clockRate();

    /** Rate in Hz of the linear PCM this codec consumes and produces. */
    int sampleRate();

    /**
     * Encodes {@code samples} 16-bit linear samples.
     *
     * @return number of bytes written to {@code out} starting at {@code outOff}
     */
    int encode(short[] pcm, int pcmOff, int samples, byte[] out, int outOff);

    /**
     * Decodes {@code len} bytes of payload.
     *
     * @return number of samples written to {@code pcm} starting at {@code pcmOff}
     */
    int decode(byte[] in, int inOff, int len, short[] pcm, int pcmOff);

    /**
     * Number of samples that {@code payloadBytes} bytes of payload decode to. The default suits
     * one-byte-per-sample codecs such as G.711.
     */
    default int samplesIn(int payloadBytes) {
        return payloadBytes;
    }
}
