package org.minisip.media;

/**
 * An endless sine tone with continuous phase across reads.
 *
 * <p>Single-reader: {@link #read} keeps phase state and must be called from one thread at a time.
 */
public final class ToneSource implements AudioSource {

    private final int sampleRate;
    private final double phaseStep;
    private final double amplitude;
    private double phase;

    /**
     * @param hz tone frequency, 0 &lt; hz &lt; sampleRate / 2
     * @param sampleRate output rate in Hz
     * @param amplitude peak amplitude as a fraction of full scale, 0..1
     */
    public ToneSource(double hz, int sampleRate, double amplitude) {
        if (sampleRate <= 0 || hz <= 0 || hz >= sampleRate / 2.0) {
            throw new IllegalArgumentException("tone " + hz + " Hz not representable at " + sampleRate);
        }
        if (amplitude < 0 || amplitude > 1) {
            throw new IllegalArgumentException("amplitude must be within 0..1: " + amplitude);
        }
        this.sampleRate = sampleRate;
        this.phaseStep = 2 * Math.PI * hz / sampleRate;
        this.amplitude = amplitude * 32767;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public void read(short[] frame, int samples) {
        double p = phase;
        for (int i = 0; i < samples; i++) {
            frame[i] = (short) Math.round(amplitude * Math.sin(p));
            p += phaseStep;
        }
        phase = p % (2 * Math.PI);
    }
}
