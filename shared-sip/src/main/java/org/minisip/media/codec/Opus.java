package org.minisip.media.codec;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusPacketInfo;
import io.github.jaredmdobson.concentus.OpusSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opus (RFC 6716) on RTP (RFC 7587) through Concentus, a pure-Java port of libopus: mono 48 kHz, VoIP mode, 32
 * kbit/s VBR with in-band FEC, and the decoder's own packet-loss concealment. SDP: {@code opus/48000/2} (the
 * rtpmap always says two channels) with dynamic payload type 111; the decoder accepts mono and stereo streams and
 * any frame size from 2.5 to 120 ms.
 *
 * <p>Stateful: {@link #prototype()} is the registry's instance; each RTP stream uses its own {@link #newStream()},
 * whose encoder is used by one thread and decoder by another. Encoder and decoder are created lazily on first use.
 */
public final class Opus implements AudioCodec {
    /** Default dynamic payload type (the one most peers use). */
    public static final int PAYLOAD_TYPE = 111;
    public static final int RATE = 48000;
    private static final int BITRATE = 32000;
    private static final int MAX_PACKET = 1275;
    private static final Logger LOG = LoggerFactory.getLogger(Opus.class);
    private static final Opus PROTOTYPE = new Opus();

    private OpusEncoder encoder;
    private OpusDecoder decoder;
    private long encodeErrors;
    private long decodeErrors;

    private Opus() {
    }

    /** The registry's instance; take {@link #newStream()} for a call. */
    public static Opus prototype() {
        return PROTOTYPE;
    }

    @Override
    public AudioCodec newStream() {
        return new Opus();
    }

    @Override
    public String encodingName() {
        return "opus";
    }

    @Override
    public int payloadType() {
        return PAYLOAD_TYPE;
    }

    @Override
    public int clockRate() {
        return RATE;
    }

    @Override
    public int sampleRate() {
        return RATE;
    }

    @Override
    public int sdpChannels() {
        return 2;
    }

    @Override
    public String fmtp() {
        return "minptime=10;useinbandfec=1";
    }

    @Override
    public int samplesIn(int payloadBytes) {
        return RATE / 50; // unknown without the TOC byte: assume 20 ms
    }

    @Override
    public int samplesIn(byte[] payload, int off, int len) {
        if (len <= 0) {
            return 0;
        }
        int n = OpusPacketInfo.getNumSamples(payload, off, len, RATE);
        return n > 0 ? n : 0;
    }

    /**
     * Encodes one frame: {@code samples} must be a valid Opus frame size at 48 kHz (120, 240, 480, 960, 1920 or
     * 2880, i.e. 2.5-60 ms). Returns 0 (nothing to send) if the encoder fails.
     */
    @Override
    public int encode(short[] pcm, int pcmOff, int samples, byte[] out, int outOff) {
        try {
            if (encoder == null) {
                encoder = new OpusEncoder(RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
                encoder.setBitrate(BITRATE);
                encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
                encoder.setUseInbandFEC(true);
                encoder.setPacketLossPercent(5);
                encoder.setComplexity(5);
            }
            return encoder.encode(pcm, pcmOff, samples, out, outOff, Math.min(MAX_PACKET, out.length - outOff));
        } catch (OpusException | RuntimeException e) {
            if (encodeErrors++ == 0) {
                LOG.warn("Opus encode failed: {}", e.toString());
            }
            return 0;
        }
    }

    @Override
    public int decode(byte[] in, int inOff, int len, short[] pcm, int pcmOff) {
        try {
            int frame = samplesIn(in, inOff, len);
            if (frame <= 0 || pcmOff + frame > pcm.length) {
                return 0;
            }
            return decoder().decode(in, inOff, len, pcm, pcmOff, frame, false);
        } catch (OpusException | RuntimeException e) {
            if (decodeErrors++ == 0) {
                LOG.debug("Opus decode failed: {}", e.toString());
            }
            return 0;
        }
    }

    @Override
    public boolean hasPlc() {
        return true;
    }

    /** Opus PLC for {@code samples} (rounded down to whole 2.5 ms units, at most 120 ms). */
    @Override
    public int conceal(short[] pcm, int off, int samples) {
        int n = Math.min(samples, RATE * 120 / 1000) / 120 * 120;
        if (n <= 0) {
            return 0;
        }
        try {
            return decoder().decode(null, 0, 0, pcm, off, n, false);
        } catch (OpusException | RuntimeException e) {
            return 0;
        }
    }

    private OpusDecoder decoder() throws OpusException {
        if (decoder == null) {
            decoder = new OpusDecoder(RATE, 1);
        }
        return decoder;
    }

    @Override
    public String toString() {
        return "opus/48000";
    }
}
