package org.minisip.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailToBanTest {
    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId z) { return this; }
        @Override public Instant instant() { return now; }
    }

    private final ManualClock clock = new ManualClock();
    private final BanList bans = new BanList(clock, null, null);

    @Test
    void fifthFailureWithinTheWindowBansForTheBanTime() throws Exception {
        FailToBan f = new FailToBan(5, Duration.ofSeconds(60), Duration.ofHours(1), IpList.EMPTY, bans, clock);
        InetAddress a = InetAddress.getByName("198.51.100.7");
        for (int i = 0; i < 4; i++) {
            f.failed(a, "x");
            clock.now = clock.now.plusSeconds(10);
        }
        assertThat(bans.isBanned(a)).isFalse();
        f.failed(a, "x");
        assertThat(bans.isBanned(a)).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(59));
        assertThat(bans.isBanned(a)).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThat(bans.isBanned(a)).as("expired after an hour").isFalse();
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() throws Exception {
        FailToBan f = new FailToBan(5, Duration.ofSeconds(60), Duration.ofHours(1), IpList.EMPTY, bans, clock);
        InetAddress a = InetAddress.getByName("198.51.100.8");
        for (int i = 0; i < 20; i++) {
            f.failed(a, "x");
            clock.now = clock.now.plusSeconds(16);   // at most 4 in any 60 s
        }
        assertThat(bans.isBanned(a)).isFalse();
    }

    @Test
    void whitelistedAddressesAreNeverBannedAndLiftWorks() throws Exception {
        FailToBan f = new FailToBan(2, Duration.ofSeconds(60), Duration.ofHours(1),
                IpList.of(List.of("2001:db8::/32")), bans, clock);
        InetAddress gw = InetAddress.getByName("2001:db8::5");
        InetAddress other = InetAddress.getByName("2001:db9::5");
        for (int i = 0; i < 10; i++) {
            f.failed(gw, "x");
            f.failed(other, "x");
        }
        assertThat(bans.isBanned(gw)).isFalse();
        assertThat(bans.isBanned(other)).isTrue();
        assertThat(bans.list()).singleElement().satisfies(b -> assertThat(b.address()).isEqualTo("2001:db9:0:0:0:0:0:5"));
        assertThat(bans.lift("2001:db9::5")).isPresent();
        assertThat(bans.isBanned(other)).isFalse();
        assertThat(bans.lift("2001:db9::5")).isEmpty();
    }

    @Test
    void floodLimiterDropsTheRestOfTheWindow() throws Exception {
        FloodLimiter fl = new FloodLimiter(3, Duration.ofSeconds(2), clock);
        InetAddress a = InetAddress.getByName("203.0.113.1");
        assertThat(List.of(fl.allow(a), fl.allow(a), fl.allow(a), fl.allow(a))).containsExactly(true, true, true, false);
        clock.now = clock.now.plusSeconds(2);
        assertThat(fl.allow(a)).isTrue();
        assertThat(new FloodLimiter(0, Duration.ofSeconds(2), clock).allow(a)).as("0 disables").isTrue();
    }
}
