package org.minisip.server.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.SIPStackTimerTask;
import gov.nist.javax.sip.stack.timers.SipTimer;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's timers on Netty's {@link HashedWheelTimer} instead of a {@code java.util.Timer}
 * ({@code gov.nist.javax.sip.TIMER_CLASS_NAME}). JAIN-SIP gives every live transaction a task that repeats every
 * 500 ms (T1) for as long as the transaction lives, 32 s for a completed INVITE client transaction over UDP: at 100
 * calls/s that is tens of thousands of tasks, each rescheduled twice a second. A {@code java.util.Timer} pays a heap
 * sift per reschedule and keeps cancelled tasks queued until they fall due; the wheel adds and cancels in constant
 * time. Tasks run one at a time on the wheel's thread, as they did on the {@code java.util.Timer} thread; the wheel
 * ticks every {@value #TICK_MS} ms, well inside the 500 ms granularity of SIP's timers.
 */
public final class WheelSipTimer implements SipTimer {
    static final long TICK_MS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(WheelSipTimer.class);

    private final HashedWheelTimer wheel = new HashedWheelTimer(r -> {
        Thread t = new Thread(r, "sip-timer");
        t.setDaemon(true);
        return t;
    }, TICK_MS, TimeUnit.MILLISECONDS, 1024);
    private final AtomicBoolean started = new AtomicBoolean();

    /** Public no-argument constructor: JAIN-SIP instantiates the class by name. */
    public WheelSipTimer() {
    }

    @Override
    public boolean schedule(SIPStackTimerTask task, long delay) {
        return add(task, delay, 0);
    }

    @Override
    public boolean scheduleWithFixedDelay(SIPStackTimerTask task, long delay, long period) {
        return add(task, delay, period);
    }

    private boolean add(SIPStackTimerTask task, long delay, long period) {
        if (!started.get()) {
            throw new IllegalStateException("The SIP Stack Timer has been stopped, no new tasks can be scheduled !");
        }
        Entry e = new Entry(task, period);
        task.setSipTimerTask(e);
        e.arm(delay);
        return true;
    }

    @Override
    public boolean cancel(SIPStackTimerTask task) {
        return task.getSipTimerTask() instanceof Entry e && e.cancel();
    }

    @Override
    public void start(SipStackImpl sipStack, Properties configurationProperties) {
        started.set(true);
        wheel.start();
    }

    @Override
    public void stop() {
        started.set(false);
        wheel.stop();   // pending tasks are dropped, as java.util.Timer.cancel() does
    }

    @Override
    public boolean isStarted() {
        return started.get();
    }

    /** One scheduled JAIN-SIP task; a repeating one re-arms itself after each run until cancelled. */
    private final class Entry implements TimerTask {
        private final SIPStackTimerTask task;
        private final long period;
        private volatile boolean cancelled;
        private volatile Timeout timeout;

        Entry(SIPStackTimerTask task, long period) {
            this.task = task;
            this.period = period;
        }

        void arm(long delayMs) {
            timeout = wheel.newTimeout(this, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
        }

        @Override
        public void run(Timeout t) {
            if (cancelled) {
                return;
            }
            try {
                task.runTask();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("SIP timer task {} failed: {}", task.getClass().getName(), e.toString(), e);
            }
            if (period > 0 && !cancelled && started.get()) {
                try {
                    arm(period);
                } catch (IllegalStateException stopped) {
                    // the wheel stopped meanwhile
                }
            }
        }

        boolean cancel() {
            if (cancelled) {
                return false;
            }
            cancelled = true;
            task.cleanUpBeforeCancel();
            Timeout t = timeout;
            return t == null || t.cancel() || period > 0;
        }
    }
}
