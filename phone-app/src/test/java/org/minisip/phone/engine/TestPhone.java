package org.minisip.phone.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.minisip.media.MediaStats;
import org.minisip.media.codec.CodecRegistry;
import org.minisip.phone.audio.AudioBackend;
import org.minisip.sdp.SrtpMode;

/** One engine on 127.0.0.1 with its own engine thread and event queue, for loopback tests without a server. */
final class TestPhone implements AutoCloseable {
    final BlockingQueue<PhoneEvent> events = new LinkedBlockingQueue<>();
    final PhoneEngine engine;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();

    TestPhone(SrtpMode srtp, AudioBackend audio, String... codecs) throws Exception {
        this(audio, c -> c.withSrtp(srtp).withCodecs(codecs.length == 0 ? List.of("PCMU", "PCMA")
                : List.of(codecs)));
    }

    TestPhone(AudioBackend audio, UnaryOperator<PhoneConfig> config) throws Exception {
        this(audio, config, CodecRegistry.defaults());
    }

    TestPhone(AudioBackend audio, UnaryOperator<PhoneConfig> config, CodecRegistry registry) throws Exception {
        PhoneConfig cfg = config.apply(PhoneConfig.of(null, null).withBindAddress("127.0.0.1"));
        engine = new PhoneEngine(cfg, audio, registry, events::add, thread, new SecureRandom());
        engine.start();
    }

    /** Waits up to 10 s for an event of {@code type}; fails on a call end or failure seen before it. */
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

    /** Runs {@code task} on the engine thread and returns its result (engine internals, for white-box tests). */
    <T> T onEngine(java.util.concurrent.Callable<T> task) throws Exception {
        return thread.submit(task).get(10, TimeUnit.SECONDS);
    }

    MediaStats stats(String callId) {
        return engine.mediaStats(callId).orElseThrow(() -> new AssertionError("no media for " + callId));
    }

    @Override
    public void close() {
        try {
            engine.shutdown().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // best effort
        }
        engine.close();
        thread.shutdownNow();
    }
}
