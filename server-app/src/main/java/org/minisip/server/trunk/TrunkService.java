package org.minisip.server.trunk;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.minisip.server.config.TrunkConfig;
import org.minisip.server.sip.SipContext;

/**
 * Runs the trunks' registrations on one "trunk-timers" thread (DNS lookups and status-file writes happen there,
 * never on SIP threads) and publishes every trunk's state through {@link TrunkStatus}.
 */
public final class TrunkService implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final TrunkStatus status;
    private final List<TrunkRegistration> registrations = new ArrayList<>();

    public TrunkService(Trunks trunks, SipContext ctx, TrunkRequests requests, Path dataDir, Clock clock,
                        SecureRandom random) {
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "trunk-timers");
            t.setDaemon(true);
            return t;
        });
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.timer = ex;
        this.status = new TrunkStatus(dataDir, clock);
        for (TrunkConfig t : trunks.all()) {
            timer.execute(() -> ctx.localAddressTowards(t.host())); // warm the cache off the SIP threads
            if (t.register()) {
                registrations.add(new TrunkRegistration(t, ctx, requests, trunks, status, timer, random));
            } else {
                String what = t.gateway() ? "gateway " + t.hostPort() : "registrar " + t.hostPort() + " register=false";
                timer.execute(() -> status.set(t.name(), TrunkStatus.State.NOT_REGISTERING, what));
            }
        }
    }

    public void start() {
        registrations.forEach(TrunkRegistration::start);
    }

    /** Unregisters (best effort, not waiting for answers) and stops the timer thread. */
    @Override
    public void close() {
        registrations.forEach(TrunkRegistration::close);
        timer.execute(status::clear);
        timer.shutdown();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
