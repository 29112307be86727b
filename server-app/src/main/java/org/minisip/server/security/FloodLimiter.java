package org.minisip.server.security;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-address request rate limit in fixed windows, like Kamailio's pike: an address that sends more than
 * {@code maxRequests} requests in one window has the rest of that window's requests dropped. Thread-safe,
 * allocation-light (one small record per address and window); memory is bounded by periodic purging.
 */
public final class FloodLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(FloodLimiter.class);
    private static final int MAX_TRACKED = 100_000;

    private record Window(long start, int count) {
    }

    private final int maxRequests;
    private final long windowMillis;
    private final Clock clock;
    private final Map<InetAddress, Window> windows = new ConcurrentHashMap<>();

    /** {@code maxRequests} 0 disables the limit. */
    public FloodLimiter(int maxRequests, Duration window, Clock clock) {
        this.maxRequests = maxRequests;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Counts one request; false when {@code source} is over its limit in the current window. */
    public boolean allow(InetAddress source) {
        if (maxRequests == 0) {
            return true;
        }
        if (windows.size() >= MAX_TRACKED) {
            purge();
        }
        long now = clock.millis();
        Window w = windows.compute(source, (k, old) -> old == null || now - old.start >= windowMillis
                ? new Window(now, 1) : new Window(old.start, old.count == Integer.MAX_VALUE ? old.count : old.count + 1));
        if (w.count == maxRequests + 1) {
            LOG.warn("flood from {}: more than {} requests in {} ms, dropping the rest of this window",
                    source.getHostAddress(), maxRequests, windowMillis);
        }
        return w.count <= maxRequests;
    }

    /** Forgets finished windows; called periodically. */
    public void purge() {
        long now = clock.millis();
        windows.values().removeIf(w -> now - w.start >= windowMillis);
        if (windows.size() >= MAX_TRACKED) {
            windows.clear();   // a spoofed-source storm: forget rather than grow
        }
    }
}
