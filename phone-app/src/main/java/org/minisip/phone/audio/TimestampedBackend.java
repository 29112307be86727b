package org.minisip.phone.audio;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.minisip.media.AudioSink;
import org.minisip.media.AudioSource;

/**
 * Reports when a call's audio starts flowing, on the wall clock, so a script can line up what one phone plays with
 * what another records ({@code --media-timestamps}; {@code bench/click_latency.py} measures mouth-to-ear latency
 * with it). Per call it emits:
 * <ul>
 *   <li>{@code play-start <epoch-µs> rate=<hz>}: just before the first frame is read from the source (sample 0 of
 *       the played audio; the sender reads one packet time per tick on absolute deadlines, so sample {@code k} is
 *       read at about {@code epoch + k/rate});</li>
 *   <li>{@code record-start <epoch-µs> rate=<hz>}: as the first frame is handed to the sink (sample 0 of the
 *       recording);</li>
 *   <li>{@code record-end samples=<n> spread-ms=<min>..<max> p1-p99-ms=<p1>..<p99>} when the sink is closed: how
 *       far each write came after (or before) {@code record-start + samples written so far / rate} (extremes, and
 *       the 1st and 99th percentiles in 0.1 ms steps), so a reader can see how well "sample {@code j} was written
 *       at {@code record-start + j/rate}" held over the call.</li>
 * </ul>
 * The line is built on the media thread but is one short write; the epoch comes from the system clock (µs on Linux),
 * offsets within a call from {@link System#nanoTime()}.
 *
 * @param delegate where the audio really comes from and goes to
 * @param lines    receives each line (e.g. printed on stdout); called from media threads
 * @param clock    wall clock for the epoch
 * @param nanos    monotonic clock in ns
 */
public record TimestampedBackend(AudioBackend delegate, Consumer<String> lines, Clock clock, LongSupplier nanos)
        implements AudioBackend {

    /** With the system clocks. */
    public TimestampedBackend(AudioBackend delegate, Consumer<String> lines) {
        this(delegate, lines, Clock.systemUTC(), System::nanoTime);
    }

    @Override
    public AudioSource openSource(int sampleRate) throws IOException {
        AudioSource s = delegate.openSource(sampleRate);
        return new AudioSource() {
            private boolean started;

            @Override
            public int sampleRate() {
                return s.sampleRate();
            }

            @Override
            public void read(short[] frame, int samples) {
                if (!started) {
                    started = true;
                    lines.accept("play-start " + epochMicros() + " rate=" + s.sampleRate());
                }
                s.read(frame, samples);
            }
        };
    }

    @Override
    public AudioSink openSink(int sampleRate) throws IOException {
        AudioSink s = delegate.openSink(sampleRate);
        return new AudioSink() {
            private long startNanos;
            private long samples = -1;
            private long minLate;
            private long maxLate;
            /** Lateness of each write in 0.1 ms bins from -50 to +50 ms (outside: the end bins). */
            private final int[] bins = new int[1001];
            private long writes;
            private boolean closed;

            @Override
            public int sampleRate() {
                return s.sampleRate();
            }

            @Override
            public void write(short[] pcm, int n) {
                long now = nanos.getAsLong();
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    if (samples < 0) {
                        startNanos = now;
                        samples = 0;
                        lines.accept("record-start " + epochMicros() + " rate=" + s.sampleRate());
                    } else {
                        long late = now - startNanos - samples * 1_000_000_000L / s.sampleRate();
                        minLate = Math.min(minLate, late);
                        maxLate = Math.max(maxLate, late);
                        bins[(int) Math.max(0, Math.min(1000, Math.round(late / 100_000.0) + 500))]++;
                        writes++;
                    }
                    samples += n;
                }
                s.write(pcm, n);
            }

            /** The bin (as ms) below which {@code q} of the writes after the first fall; 0 with none. */
            private double percentile(double q) {
                long want = (long) Math.ceil(q * writes);
                long seen = 0;
                for (int i = 0; i < bins.length; i++) {
                    seen += bins[i];
                    if (seen >= Math.max(1, want)) {
                        return (i - 500) / 10.0;
                    }
                }
                return 0;
            }

            @Override
            public void close() {
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    if (samples >= 0) {
                        lines.accept(String.format(java.util.Locale.ROOT,
                                "record-end samples=%d spread-ms=%.2f..%.2f p1-p99-ms=%.1f..%.1f", samples,
                                minLate / 1e6, maxLate / 1e6, percentile(0.01), percentile(0.99)));
                    }
                }
                s.close();
            }
        };
    }

    @Override
    public String description() {
        return delegate.description();
    }

    private long epochMicros() {
        Instant t = clock.instant();
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
