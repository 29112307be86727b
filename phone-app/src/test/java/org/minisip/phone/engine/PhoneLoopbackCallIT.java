package org.minisip.phone.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.media.codec.CodecRegistry;
import org.minisip.media.testing.ToneAnalysis;
import org.minisip.phone.audio.AudioBackend;
import org.minisip.phone.audio.FileAudioBackend;
import org.minisip.sdp.SrtpMode;

/**
 * Two engines on 127.0.0.1 call each other directly (no server, no registration): the callee listens on a free port,
 * the caller dials its contact URI. Each sends a different tone and records what it hears.
 */
class PhoneLoopbackCallIT {
    @TempDir
    Path dir;
    private final List<Runnable> cleanup = new ArrayList<>();

    /** One engine with its own engine thread and event queue. */
    private final class Phone {
        final BlockingQueue<PhoneEvent> events = new LinkedBlockingQueue<>();
        final PhoneEngine engine;

        Phone(SrtpMode srtp, AudioBackend audio, String... codecs) throws Exception {
            ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
            PhoneConfig cfg = PhoneConfig.of(null, null).withSrtp(srtp).withBindAddress("127.0.0.1")
                    .withCodecs(codecs.length == 0 ? List.of("PCMU", "PCMA") : List.of(codecs));
            engine = new PhoneEngine(cfg, audio, CodecRegistry.defaults(), events::add, thread, new SecureRandom());
            engine.start();
            cleanup.add(() -> {
                try {
                    engine.shutdown().get(5, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // best effort
                }
                engine.close();
                thread.shutdownNow();
            });
        }

        @SuppressWarnings("unchecked")
        <T extends PhoneEvent> T await(Class<T> type) throws InterruptedException {
            while (true) {
                PhoneEvent e = events.poll(10, TimeUnit.SECONDS);
                assertThat(e).as("waiting for " + type.getSimpleName()).isNotNull();
                if (type.isInstance(e)) {
                    return (T) e;
                }
                assertThat(e).as("unexpected event before " + type.getSimpleName())
                        .isNotInstanceOfAny(PhoneEvent.CallFailed.class, PhoneEvent.CallEnded.class);
            }
        }
    }

    @AfterEach
    void stop() {
        cleanup.forEach(Runnable::run);
    }

    @Test
    void tonesCrossBothWaysOverSrtpAndDtmfArrives() throws Exception {
        Path tone440 = dir.resolve("440.wav");
        Path tone1000 = dir.resolve("1000.wav");
        ToneAnalysis.writeTone(tone440, 440, 8000, 2);
        ToneAnalysis.writeTone(tone1000, 1000, 16000, 2);
        Path heardByCaller = dir.resolve("caller-rec.wav");
        Path heardByCallee = dir.resolve("callee-rec.wav");
        Phone callee = new Phone(SrtpMode.MANDATORY, new FileAudioBackend(tone1000, heardByCallee));
        Phone caller = new Phone(SrtpMode.OPTIONAL, new FileAudioBackend(tone440, heardByCaller));

        String id = caller.engine.call(callee.engine.contactUri());
        PhoneEvent.IncomingCall in = callee.await(PhoneEvent.IncomingCall.class);
        assertThat(in.fromUri()).startsWith("sip:phone@127.0.0.1:");
        caller.await(PhoneEvent.Ringing.class);
        callee.engine.answer(in.callId());

        PhoneEvent.Answered answered = caller.await(PhoneEvent.Answered.class);
        assertThat(answered.codec()).isEqualTo("PCMU");
        assertThat(answered.srtp()).isTrue();
        assertThat(callee.await(PhoneEvent.Answered.class).srtp()).isTrue();

        caller.engine.sendDtmf(id, "5#");
        assertThat(callee.await(PhoneEvent.DtmfReceived.class).digit()).isEqualTo('5');
        assertThat(callee.await(PhoneEvent.DtmfReceived.class).digit()).isEqualTo('#');
        Thread.sleep(1500);
        caller.engine.hangup(id);
        assertThat(caller.await(PhoneEvent.CallEnded.class).reason()).isEqualTo(PhoneEvent.EndReason.LOCAL_HANGUP);
        assertThat(callee.await(PhoneEvent.CallEnded.class).reason()).isEqualTo(PhoneEvent.EndReason.REMOTE_HANGUP);
        Thread.sleep(300); // media threads close the recordings

        assertThat(ToneAnalysis.dominantFrequency(heardByCallee)).isCloseTo(440, within(15.0));
        assertThat(ToneAnalysis.dominantFrequency(heardByCaller)).isCloseTo(1000, within(15.0));
    }

    @Test
    void codecListIsHonouredAndPlainRtpWorks() throws Exception {
        Phone callee = new Phone(SrtpMode.OFF, FileAudioBackend.silent(), "PCMU", "PCMA");
        Phone caller = new Phone(SrtpMode.OFF, FileAudioBackend.silent(), "PCMA");
        caller.engine.call(callee.engine.contactUri());
        callee.engine.answer(callee.await(PhoneEvent.IncomingCall.class).callId());
        PhoneEvent.Answered a = caller.await(PhoneEvent.Answered.class);
        assertThat(a.codec()).isEqualTo("PCMA");
        assertThat(a.srtp()).isFalse();
        // the callee hangs up this time
        callee.engine.hangup(callee.await(PhoneEvent.Answered.class).callId());
        assertThat(caller.await(PhoneEvent.CallEnded.class).reason()).isEqualTo(PhoneEvent.EndReason.REMOTE_HANGUP);
    }

    @Test
    void mandatorySrtpCallerFailsWith488WhenTheCalleeHasSrtpOff() throws Exception {
        Phone callee = new Phone(SrtpMode.OFF, FileAudioBackend.silent());
        Phone caller = new Phone(SrtpMode.MANDATORY, FileAudioBackend.silent());
        caller.engine.call(callee.engine.contactUri());
        callee.engine.answer(callee.await(PhoneEvent.IncomingCall.class).callId());
        PhoneEvent.CallFailed f = caller.await(PhoneEvent.CallFailed.class);
        assertThat(f.status()).isEqualTo(488);
        assertThat(f.reason()).isEqualTo("SRTP required");
    }

    @Test
    void mandatorySrtpCalleeRejectsAnOfferWithoutCrypto() throws Exception {
        Phone callee = new Phone(SrtpMode.MANDATORY, FileAudioBackend.silent());
        Phone caller = new Phone(SrtpMode.OFF, FileAudioBackend.silent());
        caller.engine.call(callee.engine.contactUri());
        callee.engine.answer(callee.await(PhoneEvent.IncomingCall.class).callId());
        assertThat(callee.await(PhoneEvent.CallFailed.class).status()).isEqualTo(488);
        assertThat(caller.await(PhoneEvent.CallFailed.class).status()).isEqualTo(488);
    }

    @Test
    void hangingUpWhileRingingCancelsTheCall() throws Exception {
        Phone callee = new Phone(SrtpMode.OPTIONAL, FileAudioBackend.silent());
        Phone caller = new Phone(SrtpMode.OPTIONAL, FileAudioBackend.silent());
        String id = caller.engine.call(callee.engine.contactUri());
        callee.await(PhoneEvent.IncomingCall.class);
        caller.await(PhoneEvent.Ringing.class);
        caller.engine.hangup(id);
        assertThat(callee.await(PhoneEvent.CallEnded.class).reason()).isEqualTo(PhoneEvent.EndReason.CANCELLED);
        assertThat(caller.await(PhoneEvent.CallFailed.class).status()).isEqualTo(487);
    }

    @Test
    void rejectedCallFailsWithTheStatus() throws Exception {
        Phone callee = new Phone(SrtpMode.OPTIONAL, FileAudioBackend.silent());
        Phone caller = new Phone(SrtpMode.OPTIONAL, FileAudioBackend.silent());
        caller.engine.call(callee.engine.contactUri());
        callee.engine.reject(callee.await(PhoneEvent.IncomingCall.class).callId(), 486);
        PhoneEvent.CallFailed f = caller.await(PhoneEvent.CallFailed.class);
        assertThat(f.status()).isEqualTo(486);
        assertThat(f.reason()).isEqualTo("Busy Here");
    }
}
