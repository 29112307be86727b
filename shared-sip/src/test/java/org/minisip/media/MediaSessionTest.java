package org.minisip.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.minisip.media.codec.AudioCodec;
import org.minisip.media.codec.G711;
import org.minisip.media.srtp.SrtpKeys;
import org.minisip.media.srtp.SrtpSession;
import org.minisip.media.testing.ToneAnalysis;
import org.minisip.media.wav.WavFileSink;

/** Two real MediaSessions talking over loopback UDP. */
class MediaSessionTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    private static MediaParams params(MediaSession peer, AudioCodec codec, int ptime,
                                      SrtpSession srtp, AudioSource src, AudioSink sink,
                                      Consumer<Character> dtmf) {
        return new MediaParams(new InetSocketAddress(LOOPBACK, peer.localPort()), codec,
                codec.payloadType(), 101, ptime, srtp, true, true, src, sink, dtmf);
    }

    @ParameterizedTest(name = "srtp={0} codec={1} ptimes={2}/{3} srcRate={4} sinkRate={5}")
    @CsvSource({
        "false, PCMU, 20, 20, 8000, 8000",
        "true,  PCMU, 20, 20, 8000, 8000",
        "true,  PCMA, 30, 60, 48000, 16000",
        "false, PCMA, 10, 40, 16000, 48000"})
    void tonesCrossOver(boolean useSrtp, String codecName, int ptimeA, int ptimeB,
                        int srcRate, int sinkRate) throws Exception {
        AudioCodec codec = codecName.equals("PCMU") ? G711.pcmu() : G711.pcma();
        Path recA = dir.resolve("a.wav");
        Path recB = dir.resolve("b.wav");
        SrtpSession srtpA = null;
        SrtpSession srtpB = null;
        if (useSrtp) {
            SecureRandom rng = new SecureRandom();
            SrtpKeys ka = SrtpKeys.random(rng);
            SrtpKeys kb = SrtpKeys.random(rng);
            srtpA = new SrtpSession(ka, SrtpKeys.fromInline(kb.toInline()));
            srtpB = new SrtpSession(kb, SrtpKeys.fromInline(ka.toInline()));
        }
        MediaStats statsA;
        MediaStats statsB;
        try (MediaSession a = MediaSession.open(LOOPBACK);
             MediaSession b = MediaSession.open(LOOPBACK)) {
            assertThat(a.localPort() % 2).isZero();
            assertThat(a.localRtcpPort()).isEqualTo(a.localPort() + 1);
            a.configure(params(b, codec, ptimeA, srtpA, new ToneSource(440, srcRate, 0.5),
                    new WavFileSink(recA, sinkRate), null));
            b.configure(params(a, codec, ptimeB, srtpB, new ToneSource(1000, srcRate, 0.5),
                    new WavFileSink(recB, sinkRate), null));
            a.start();
            b.start();
            Thread.sleep(1600);
            statsA = a.stats();
            statsB = b.stats();
        }
        assertThat(ToneAnalysis.dominantFrequency(recA)).isCloseTo(1000, within(15.0));
        assertThat(ToneAnalysis.dominantFrequency(recB)).isCloseTo(440, within(15.0));
        assertThat(ToneAnalysis.silentFraction(recA, 300)).isLessThan(0.3);
        assertThat(ToneAnalysis.silentFraction(recB, 300)).isLessThan(0.3);
        for (MediaStats s : List.of(statsA, statsB)) {
            assertThat(s.packetsReceived()).isGreaterThan(20);
            assertThat(s.packetsSent()).isGreaterThan(20);
            assertThat(s.srtpAuthFailures()).isZero();
            assertThat(s.lastPayloadType()).isEqualTo(codec.payloadType());
            assertThat(s.late()).isLessThanOrEqualTo(1);
        }
        assertThat(statsA.bytesSent()).isEqualTo(statsA.packetsSent()
                * (12 + 8 * ptimeA + (useSrtp ? 10 : 0)));
    }

    @Test
    void dtmfArrivesInOrderOncePerDigit() throws Exception {
        List<Character> got = new CopyOnWriteArrayList<>();
        SecureRandom rng = new SecureRandom();
        SrtpKeys ka = SrtpKeys.random(rng);
        SrtpKeys kb = SrtpKeys.random(rng);
        try (MediaSession a = MediaSession.open(LOOPBACK);
             MediaSession b = MediaSession.open(LOOPBACK)) {
            a.configure(params(b, G711.pcmu(), 20, new SrtpSession(ka, kb),
                    new SilenceSource(), new NullSink(), null));
            b.configure(params(a, G711.pcmu(), 20, new SrtpSession(kb, ka),
                    new SilenceSource(), new NullSink(), got::add));
            a.start();
            b.start();
            a.sendDtmf("123#");
            await().atMost(Duration.ofSeconds(5)).until(() -> got.size() >= 4);
            Thread.sleep(300);
            assertThat(got).containsExactly('1', '2', '3', '#');
            assertThat(a.stats().dtmfSent()).isEqualTo(4);
            assertThat(b.stats().dtmfReceived()).isEqualTo(4);
        }
    }

    @Test
    void holdStopsSendingAndReconfigureResumes() throws Exception {
        try (MediaSession a = MediaSession.open(LOOPBACK);
             MediaSession b = MediaSession.open(LOOPBACK)) {
            MediaParams pa = params(b, G711.pcmu(), 20, null, new ToneSource(440, 8000, 0.3),
                    new NullSink(), null);
            a.configure(pa);
            b.configure(params(a, G711.pcmu(), 20, null, new SilenceSource(), new NullSink(),
                    null));
            a.start();
            b.start();
            await().atMost(Duration.ofSeconds(2)).until(() -> b.stats().packetsReceived() > 10);
            a.configure(new MediaParams(pa.remoteRtp(), pa.codec(), pa.payloadType(), -1,
                    pa.ptimeMs(), null, false, true, pa.source(), pa.sink(), null));
            Thread.sleep(100);
            long before = b.stats().packetsReceived();
            Thread.sleep(300);
            assertThat(b.stats().packetsReceived()).isEqualTo(before);
            a.configure(pa);
            await().atMost(Duration.ofSeconds(2))
                    .until(() -> b.stats().packetsReceived() > before + 5);
        }
    }
}
