package org.minisip.phone.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.media.AudioSink;
import org.minisip.media.AudioSource;
import org.minisip.media.wav.WavFileSource;

/** The play-start / record-start / record-end lines carry the wall-clock start and how regular the writes were. */
class TimestampedBackendTest {
    @TempDir
    Path dir;

    @Test
    void reportsTheFirstReadAndWriteOnceAndTheWriteSpread() throws Exception {
        List<String> lines = new ArrayList<>();
        AtomicLong nanos = new AtomicLong(5_000_000_000L);
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L, 123_456_789), ZoneOffset.UTC);
        Path wav = dir.resolve("rec.wav");
        TimestampedBackend b = new TimestampedBackend(new FileAudioBackend(null, wav), lines::add, clock,
                nanos::get);

        AudioSource src = b.openSource(8000);
        short[] frame = new short[160];
        src.read(frame, 160);
        src.read(frame, 160);
        assertThat(lines).containsExactly("play-start 1700000000123456 rate=8000");

        AudioSink sink = b.openSink(8000);
        sink.write(frame, 160);                 // t = 0
        nanos.addAndGet(21_500_000);            // 1.5 ms late for the second frame
        sink.write(frame, 160);
        nanos.addAndGet(18_000_000);            // 0.5 ms early for the third (39.5 vs 40 ms)
        sink.write(frame, 160);
        sink.close();
        sink.close();
        sink.write(frame, 160);                 // ignored after close
        assertThat(lines).containsExactly("play-start 1700000000123456 rate=8000",
                "record-start 1700000000123456 rate=8000", "record-end samples=480 spread-ms=-0.50..1.50 p1-p99-ms=-0.5..1.5");
        assertThat(new WavFileSource(wav, 8000, false)).isNotNull();
    }

    @Test
    void aSinkNeverWrittenReportsNothing() throws Exception {
        List<String> lines = new ArrayList<>();
        TimestampedBackend b = new TimestampedBackend(FileAudioBackend.silent(), lines::add);
        b.openSink(8000).close();
        assertThat(lines).isEmpty();
        assertThat(b.description()).isEqualTo(FileAudioBackend.silent().description());
    }
}
