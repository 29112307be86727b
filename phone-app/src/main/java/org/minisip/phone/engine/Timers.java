package org.minisip.phone.engine;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Schedules engine work after a delay. Production code uses {@link #on(ScheduledExecutorService)} with the engine's
 * single thread, so scheduled tasks run serialised with SIP event handling; tests drive a manual implementation.
 */
public interface Timers {

    /** Runs {@code task} once after {@code delay}; the returned handle cancels it if it has not run yet. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Handle of a scheduled task. */
    interface Cancellable {
        void cancel();
    }

    /** Timers backed by a scheduled executor. */
    static Timers on(ScheduledExecutorService executor) {
        return (delay, task) -> {
            ScheduledFuture<?> f = executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
    }
}
