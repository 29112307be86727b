package org.minisip.phone.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Deterministic {@link Timers} for tests: time only moves with {@link #advance}. */
final class ManualTimers implements Timers {
    private long now;
    private final List<Task> tasks = new ArrayList<>();

    private final class Task implements Cancellable {
        final long due;
        final Runnable run;
        boolean cancelled;

        Task(long due, Runnable run) {
            this.due = due;
            this.run = run;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(now + delay.toMillis(), task);
        tasks.add(t);
        return t;
    }

    /** Runs every task due within {@code d}, in time order, advancing the clock to each. */
    void advance(Duration d) {
        long end = now + d.toMillis();
        while (true) {
            Task next = tasks.stream().filter(t -> !t.cancelled && t.due <= end)
                    .min(Comparator.comparingLong(t -> t.due)).orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = next.due;
            next.run.run();
        }
        now = end;
        tasks.removeIf(t -> t.cancelled);
    }

    long now() {
        return now;
    }

    /** Delay from now to the earliest pending task, or -1. */
    long nextDelayMillis() {
        return tasks.stream().filter(t -> !t.cancelled).mapToLong(t -> t.due - now).min().orElse(-1);
    }
}
