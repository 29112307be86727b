package org.minisip.phone.ui;

import java.time.Duration;
import java.time.Instant;
import javax.swing.JLabel;
import javax.swing.Timer;

/**
 * The talk-time display of a call window: {@code M:SS}, or {@code H:MM:SS} after an hour, counted from the moment the
 * call was answered and refreshed twice a second by a Swing timer (on the EDT; it only reads the clock).
 */
final class CallTimer {
    private final JLabel label;
    private final Timer timer;
    private Instant since;

    CallTimer(JLabel label) {
        this.label = label;
        this.timer = new Timer(500, e -> refresh());
    }

    void start(Instant answeredAt) {
        since = answeredAt;
        refresh();
        timer.start();
    }

    void stop() {
        timer.stop();
        if (since != null) {
            refresh();
        }
    }

    long seconds() {
        return since == null ? 0 : Duration.between(since, Instant.now()).getSeconds();
    }

    private void refresh() {
        label.setText(format(seconds()));
    }

    static String format(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
    }
}
