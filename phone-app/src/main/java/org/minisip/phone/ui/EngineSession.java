package org.minisip.phone.ui;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sip.SipException;
import org.minisip.media.codec.CodecRegistry;
import org.minisip.phone.audio.AudioBackend;
import org.minisip.phone.engine.PhoneConfig;
import org.minisip.phone.engine.PhoneEngine;
import org.minisip.phone.engine.PhoneEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running engine for one account configuration, with its own engine thread. The desktop phone replaces the whole
 * session when the account changes (the engine's config is immutable). {@link #open} and {@link #close} block
 * (socket binding, TLS set-up, the un-REGISTER): call them on the UI's worker thread, never on the EDT.
 */
final class EngineSession {
    private static final Logger LOG = LoggerFactory.getLogger(EngineSession.class);
    private final PhoneEngine engine;
    private final List<ScheduledExecutorService> threads;

    private EngineSession(PhoneEngine engine, List<ScheduledExecutorService> threads) {
        this.engine = engine;
        this.threads = threads;
    }

    /** Binds SIP and starts registering; events go to {@code events} (the {@link EventBridge}). */
    static EngineSession open(PhoneConfig config, AudioBackend audio, CodecRegistry codecs,
                              Consumer<PhoneEvent> events) throws SipException {
        return open(List.of(config), audio, codecs, events);
    }

    /**
     * Several accounts at once: one engine (own SIP port, thread and registration) per config, the first the
     * default for outgoing calls; all events go to {@code events}.
     */
    static EngineSession open(List<PhoneConfig> configs, AudioBackend audio, CodecRegistry codecs,
                              Consumer<PhoneEvent> events) throws SipException {
        List<ScheduledExecutorService> threads = new ArrayList<>();
        PhoneEngine first = null;
        for (PhoneConfig c : configs) {
            ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread th = new Thread(r, "phone-engine");
                th.setDaemon(true);
                return th;
            });
            threads.add(t);
            PhoneEngine e = new PhoneEngine(c, audio, codecs, events, t, new SecureRandom());
            if (first == null) {
                first = e;
            } else {
                first.addAccount(e);
            }
        }
        try {
            first.start();
        } catch (SipException | RuntimeException ex) {
            threads.forEach(ScheduledExecutorService::shutdownNow);
            throw ex;
        }
        if (first.registeringAccounts() > 0) {
            first.register();
        }
        return new EngineSession(first, List.copyOf(threads));
    }

    PhoneEngine engine() {
        return engine;
    }

    /** Hangs up, unregisters (waits up to the registration timeout) and stops SIP and the engine thread. */
    void close() {
        try {
            engine.shutdown().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("engine shutdown incomplete: {}", e.toString());
        }
        engine.close();
        threads.forEach(ScheduledExecutorService::shutdownNow);
    }
}
