package org.minisip.phone.engine;

import java.time.Duration;

/**
 * Exponential retry delays: {@code initial}, 2x, 4x ... capped at {@code max}. Attempt numbers start at 0.
 * Used for registration recovery (1 s, 2 s, 4 s ... 30 s).
 */
public record Backoff(Duration initial, Duration max) {

    public static final Backoff REGISTRATION = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    /** Delay before retry number {@code attempt} (0 = first retry). */
    public Duration delay(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt " + attempt);
        }
        long ms = initial.toMillis();
        for (int i = 0; i < attempt && ms < max.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, max.toMillis()));
    }
}
