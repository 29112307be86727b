package org.minisip.media.codec;

/**
 * An audio codec usable on an RTP stream, registered in a {@link CodecRegistry} by its SDP encoding name.
 *
 * <p><b>State.</b> Stateless codecs (G.711) are thread-safe and shared. Stateful codecs (G.722's ADPCM predictors,
 * Opus) keep encoder and decoder state: the registry holds a prototype, and each RTP stream takes its own instance
 * from {@link #newStream()}. On such an instance {@link #encode} runs on one thread (the sender) and
 * {@link #decode} / {@link #conceal} on another (playout); encoder and decoder state are separate, so that is safe.
 * Neither method retains the caller's buffers.
 *
 * <p><b>Rates.</b> {@link #clockRate()} is the RTP timestamp clock written in SDP; {@link #sampleRate()} is the rate
 * of the PCM the codec consumes and produces (both 8000 for G.711; 8000 and 16000 for G.722, RFC 3551 §4.5.2;
 * 48000 for Opus, RFC 7587).
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
     * Number of samples (at {@link #sampleRate()}) that {@code payloadBytes} bytes of payload decode to. The default
     * suits one-byte-per-sample codecs such as G.711.
     */
    default int samplesIn(int payloadBytes) {
        return payloadBytes;
    }

    /**
     * Number of samples (at {@link #sampleRate()}) that this payload decodes to; for codecs whose frame length is
     * not a function of the byte count (Opus reads its TOC byte). Never throws; 0 for an unreadable payload.
     */
    default int samplesIn(byte[] payload, int off, int len) {
        return samplesIn(len);
    }

    /** An instance for one RTP stream: {@code this} for stateless codecs, a fresh one for stateful codecs. */
    default AudioCodec newStream() {
        return this;
    }

    /** Channel count written in the SDP rtpmap (Opus always says 2, RFC 7587 §7); the PCM here is always mono. */
    default int sdpChannels() {
        return 1;
    }

    /** The {@code a=fmtp} parameters to offer, or null for none. */
    default String fmtp() {
        return null;
    }

    /** Whether {@link #conceal} synthesises lost audio from the decoder's state (Opus PLC). */
    default boolean hasPlc() {
        return false;
    }

    /**
     * Fills {@code pcm[off..off+samples)} with concealment for a lost packet from the decoder's own packet-loss
     * concealment, advancing its state. Only called when {@link #hasPlc()}.
     *
     * @return number of samples written (may be fewer; the caller fills the rest)
     */
    default int conceal(short[] pcm, int off, int samples) {
        return 0;
    }
}
