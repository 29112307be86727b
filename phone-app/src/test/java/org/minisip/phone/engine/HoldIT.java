package org.minisip.phone.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.media.testing.ToneAnalysis;
import org.minisip.sdp.SrtpMode;

/**
 * Hold and resume between two engines on 127.0.0.1 (RFC 3264 §8.4): while held, neither side sends audio (nothing
 * goes into the void) and the call stays up; after resume each side hears the other's tone again (FFT).
 */
class HoldIT {
    @TempDir
    Path dir;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    private TestPhone phone(PhasedAudio audio) throws Exception {
        TestPhone p = new TestPhone(SrtpMode.OPTIONAL, audio);
        cleanup.add(p);
        return p;
    }

    /** A call from a (440 Hz) to b (1000 Hz); returns {caller's id, callee's id}. */
    private String[] connect(TestPhone a, TestPhone b) throws Exception {
        String id = a.engine.call(b.engine.contactUri());
        String inId = b.await(PhoneEvent.IncomingCall.class).callId();
        b.engine.answer(inId);
        a.await(PhoneEvent.Answered.class);
        b.await(PhoneEvent.Answered.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.stats(id).packetsReceived() > 25
                && b.stats(inId).packetsReceived() > 25);
        return new String[] {id, inId};
    }

    /** Both sides stop sending audio: their sent-packet counters stand still for a while. */
    private static void assertNoAudioFlows(TestPhone a, String aId, TestPhone b, String bId) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(700)).until(new java.util.concurrent
                .Callable<Boolean>() {
            long lastA = -1;
            long lastB = -1;

            @Override
            public Boolean call() {
                long sa = a.stats(aId).packetsSent();
                long sb = b.stats(bId).packetsSent();
                boolean still = sa == lastA && sb == lastB;
                lastA = sa;
                lastB = sb;
                return still;
            }
        });
    }

    private void assertHears(PhasedAudio audio, String name, double hz) {
        Path wav = audio.phase(dir.resolve(name + ".wav"));
        assertThat(ToneAnalysis.dominantFrequency(wav)).as(name).isCloseTo(hz, within(15.0));
    }

    @Test
    void callerHoldsAndResumesAndAudioFlowsAgain() throws Exception {
        PhasedAudio aAudio = new PhasedAudio(440);
        PhasedAudio bAudio = new PhasedAudio(1000);
        TestPhone a = phone(aAudio);
        TestPhone b = phone(bAudio);
        String[] ids = connect(a, b);
        assertHears(aAudio, "a-before", 1000);
        assertHears(bAudio, "b-before", 440);

        a.engine.hold(ids[0]);
        assertThat(a.await(PhoneEvent.LocalHoldChanged.class).held()).isTrue();
        assertThat(b.await(PhoneEvent.HoldChanged.class).onHold()).isTrue();
        assertNoAudioFlows(a, ids[0], b, ids[1]);
        aAudio.phase(dir.resolve("a-hold-start.wav"));
        bAudio.phase(dir.resolve("b-hold-start.wav"));
        assertNoAudioFlows(a, ids[0], b, ids[1]);
        assertThat(ToneAnalysis.rms(aAudio.phase(dir.resolve("a-hold.wav")))).isLessThan(50);
        assertThat(ToneAnalysis.rms(bAudio.phase(dir.resolve("b-hold.wav")))).isLessThan(50);
        assertThat(a.engine.activeCalls()).containsExactly(ids[0]);
        assertThat(b.engine.activeCalls()).containsExactly(ids[1]);

        long aRecv = a.stats(ids[0]).packetsReceived();
        long bRecv = b.stats(ids[1]).packetsReceived();
        a.engine.resume(ids[0]);
        assertThat(a.await(PhoneEvent.LocalHoldChanged.class).held()).isFalse();
        assertThat(b.await(PhoneEvent.HoldChanged.class).onHold()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.stats(ids[0]).packetsReceived() > aRecv + 50
                && b.stats(ids[1]).packetsReceived() > bRecv + 50);
        aAudio.phase(dir.resolve("a-resume-start.wav"));
        bAudio.phase(dir.resolve("b-resume-start.wav"));
        long aNow = a.stats(ids[0]).packetsReceived();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.stats(ids[0]).packetsReceived() > aNow + 50);
        assertHears(aAudio, "a-after", 1000);
        assertHears(bAudio, "b-after", 440);

        a.engine.hangup(ids[0]);
        assertThat(b.await(PhoneEvent.CallEnded.class).reason()).isEqualTo(PhoneEvent.EndReason.REMOTE_HANGUP);
    }

    @Test
    void calleeHoldsThenBothHoldThenBothResume() throws Exception {
        PhasedAudio aAudio = new PhasedAudio(440);
        PhasedAudio bAudio = new PhasedAudio(1000);
        TestPhone a = phone(aAudio);
        TestPhone b = phone(bAudio);
        String[] ids = connect(a, b);

        b.engine.hold(ids[1]);
        assertThat(b.await(PhoneEvent.LocalHoldChanged.class).held()).isTrue();
        assertThat(a.await(PhoneEvent.HoldChanged.class).onHold()).isTrue();
        // the held side also holds: inactive both ways, and both resumes are needed before audio flows again
        a.engine.hold(ids[0]);
        assertThat(a.await(PhoneEvent.LocalHoldChanged.class).held()).isTrue();
        assertNoAudioFlows(a, ids[0], b, ids[1]);
        b.engine.resume(ids[1]);
        assertThat(b.await(PhoneEvent.LocalHoldChanged.class).held()).isFalse();
        assertNoAudioFlows(a, ids[0], b, ids[1]);
        a.engine.resume(ids[0]);
        assertThat(a.await(PhoneEvent.LocalHoldChanged.class).held()).isFalse();
        long aRecv = a.stats(ids[0]).packetsReceived();
        long bRecv = b.stats(ids[1]).packetsReceived();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.stats(ids[0]).packetsReceived() > aRecv + 50
                && b.stats(ids[1]).packetsReceived() > bRecv + 50);
        aAudio.phase(dir.resolve("a-skip.wav"));
        bAudio.phase(dir.resolve("b-skip.wav"));
        long aNow = a.stats(ids[0]).packetsReceived();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.stats(ids[0]).packetsReceived() > aNow + 50);
        assertHears(aAudio, "a-after", 1000);
        assertHears(bAudio, "b-after", 440);
        b.engine.hangup(ids[1]);
        assertThat(a.await(PhoneEvent.CallEnded.class).reason()).isEqualTo(PhoneEvent.EndReason.REMOTE_HANGUP);
    }

    @Test
    void simultaneousHoldsResolveTheGlare() throws Exception {
        TestPhone a = phone(new PhasedAudio(440));
        TestPhone b = phone(new PhasedAudio(1000));
        String[] ids = connect(a, b);
        a.engine.hold(ids[0]);
        b.engine.hold(ids[1]);
        // whichever way the 491s fall, both holds end up accepted
        assertThat(a.await(PhoneEvent.LocalHoldChanged.class).held()).isTrue();
        assertThat(b.await(PhoneEvent.LocalHoldChanged.class).held()).isTrue();
        assertNoAudioFlows(a, ids[0], b, ids[1]);
        assertThat(a.engine.activeCalls()).containsExactly(ids[0]);
    }

    @Test
    void holdBeforeAnswerIsIgnoredAndRepeatedHoldSendsNothing() throws Exception {
        TestPhone a = phone(new PhasedAudio(440));
        TestPhone b = phone(new PhasedAudio(1000));
        String id = a.engine.call(b.engine.contactUri());
        String inId = b.await(PhoneEvent.IncomingCall.class).callId();
        a.engine.hold(id);
        b.engine.answer(inId);
        a.await(PhoneEvent.Answered.class);
        a.engine.hold(id);
        a.engine.hold(id);
        assertThat(a.await(PhoneEvent.LocalHoldChanged.class).held()).isTrue();
        a.engine.resume(id);
        assertThat(a.await(PhoneEvent.LocalHoldChanged.class).held()).isFalse();
        assertThat(a.events).noneMatch(e -> e instanceof PhoneEvent.LocalHoldChanged || e instanceof PhoneEvent.HoldFailed);
    }
}
