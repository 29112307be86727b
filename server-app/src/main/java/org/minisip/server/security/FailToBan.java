package org.minisip.server.security;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed authentications per source address in a sliding window and bans the address when the count
 * reaches the limit (fail2ban-style). Whitelisted addresses are logged but never counted. Thread-safe; called
 * on SIP threads, CPU only.
 */
public final class FailToBan {
    private static final Logger LOG = LoggerFactory.getLogger(FailToBan.class);
    private static final int MAX_TRACKED = 100_000;

    private final int maxFailures;
    private final long windowMillis;
    private final Duration banFor;
    private final IpList whitelist;
    private final BanList bans;
    private final Clock clock;
    private final Map<InetAddress, Deque<Long>> failures = new ConcurrentHashMap<>();

    public FailToBan(int maxFailures, Duration window, Duration banFor, IpList whitelist, BanList bans, Clock clock) {
        this.maxFailures = maxFailures;
        this.windowMillis = window.toMillis();
        this.banFor = banFor;
        this.whitelist = whitelist;
        this.bans = bans;
        this.clock = clock;
    }

    /** One failed authentication from {@code source}; {@code what} says what failed (user and reason). */
    public void failed(InetAddress source, String what) {
        if (banFor.isZero() || whitelist.contains(source)) {
            return;
        }
        if (failures.size() >= MAX_TRACKED) {
            purge();
        }
        long now = clock.millis();
        Deque<Long> times = failures.computeIfAbsent(source, k -> new ArrayDeque<>());
        int count;
        synchronized (times) {
            while (!times.isEmpty() && now - times.peekFirst() >= windowMillis) {
                times.pollFirst();
            }
            times.addLast(now);
            count = times.size();
            if (count >= maxFailures) {
                times.clear();
            }
        }
        if (count >= maxFailures) {
            failures.remove(source, times);
            bans.ban(source, banFor, count + " failed authentications within " + windowMillis / 1000
                    + " s (last: " + what + ")");
        } else {
            LOG.debug("failed authentication {} of {} from {}", count, maxFailures, source.getHostAddress());
        }
    }

    /** Whether {@code source} is banned now (a request that got past the stack's check before the ban). */
    public boolean banned(InetAddress source) {
        return bans.isBanned(source);
    }

    /** Forgets windows that have run out; called periodically. */
    public void purge() {
        long now = clock.millis();
        failures.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                Long last = e.getValue().peekLast();
                return last == null || now - last >= windowMillis;
            }
        });
    }
}
