package org.minisip.server.media;

import org.minisip.media.AudioSink;
import org.minisip.media.AudioSource;

/**
 * One participant of a {@link Mixer}: its RTP session's playout thread writes what the participant says into
 * {@link #sink()}, and its sender thread reads what the participant hears (everyone else) from
 * {@link #source()}, at whatever packet time the leg negotiated.
 */
public final class MixerPort {
    private final String name;
    final SampleFifo heardFromPeer = new SampleFifo(Mixer.RATE / 2, Mixer.FRAME * 2, Mixer.RATE);
    final SampleFifo toPeer = new SampleFifo(Mixer.RATE / 2, Mixer.FRAME * 2, Mixer.RATE);
    private volatile boolean closed;
    /**
     * False while the participant waits in the lobby (e.g. for its PIN): it is not mixed into anyone's audio and
     * hears the prompt tone instead of the conference.
     */
    private volatile boolean admitted = true;
    /** Ticks spent in the lobby (mixer thread only), for the prompt's cadence. */
    long lobbyTicks;

    MixerPort(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Audio received from the participant (decoded, in RTP-timestamp order by the jitter buffer). */
    public AudioSink sink() {
        return new AudioSink() {
            @Override public int sampleRate() { return Mixer.RATE; }
            @Override public void write(short[] pcm, int samples) {
                if (!closed) {
                    heardFromPeer.write(pcm, samples);
                }
            }
            @Override public void close() { closed = true; }
        };
    }

    /** Audio to send to the participant: the mix of everyone else. */
    public AudioSource source() {
        return new AudioSource() {
            @Override public int sampleRate() { return Mixer.RATE; }
            @Override public void read(short[] frame, int samples) { toPeer.read(frame, samples); }
        };
    }

    public boolean admitted() {
        return admitted;
    }

    public void admit(boolean yes) {
        admitted = yes;
    }

    boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return name;
    }
}
