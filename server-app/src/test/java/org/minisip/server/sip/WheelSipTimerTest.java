package org.minisip.server.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gov.nist.javax.sip.stack.SIPStackTimerTask;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WheelSipTimerTest {
    private final WheelSipTimer timer = new WheelSipTimer();

    private static final class Counting extends SIPStackTimerTask {
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger cleanUps = new AtomicInteger();
        final Runnable body;

        Counting(Runnable body) {
            this.body = body;
        }

        @Override
        public void runTask() {
            runs.incrementAndGet();
            body.run();
        }

        @Override
        public void cleanUpBeforeCancel() {
            cleanUps.incrementAndGet();
        }

        @Override
        public Object getThreadHash() {
            return null;
        }
    }

    @AfterEach
    void stop() {
        timer.stop();
    }

    @Test
    void oneShotRunsOnceAndRepeatingTaskRunsUntilCancelled() {
        timer.start(null, null);
        Counting once = new Counting(() -> { });
        Counting repeating = new Counting(() -> { });
        timer.schedule(once, 20);
        timer.scheduleWithFixedDelay(repeating, 0, 20);
        await().atMost(Duration.ofSeconds(10)).until(() -> repeating.runs.get() >= 5);
        assertThat(once.runs).hasValue(1);
        assertThat(timer.cancel(repeating)).isTrue();
        assertThat(repeating.cleanUps).hasValue(1);
        int after = repeating.runs.get();
        Counting later = new Counting(() -> { });   // a task due after a few more repeats would have happened
        timer.schedule(later, 100);
        await().atMost(Duration.ofSeconds(10)).until(() -> later.runs.get() == 1);
        assertThat(repeating.runs.get()).isLessThanOrEqualTo(after + 1);   // at most a run already under way
        assertThat(timer.cancel(repeating)).isFalse();
        assertThat(repeating.cleanUps).hasValue(1);
    }

    @Test
    void cancelledBeforeItIsDueNeverRunsAndAFailingTaskDoesNotStopTheTimer() {
        timer.start(null, null);
        Counting cancelled = new Counting(() -> { });
        timer.schedule(cancelled, 200);
        assertThat(timer.cancel(cancelled)).isTrue();
        Counting failing = new Counting(() -> {
            throw new IllegalStateException("boom");
        });
        timer.scheduleWithFixedDelay(failing, 0, 10);
        Counting next = new Counting(() -> { });
        timer.schedule(next, 300);
        await().atMost(Duration.ofSeconds(10)).until(() -> next.runs.get() == 1);
        assertThat(failing.runs.get()).isGreaterThan(1);   // a repeating task that threw is still repeated
        assertThat(cancelled.runs).hasValue(0);
        timer.cancel(failing);
    }

    @Test
    void refusesTasksWhenStopped() {
        timer.start(null, null);
        timer.stop();
        assertThat(timer.isStarted()).isFalse();
        assertThatThrownBy(() -> timer.schedule(new Counting(() -> { }), 10))
                .isInstanceOf(IllegalStateException.class);
    }
}
