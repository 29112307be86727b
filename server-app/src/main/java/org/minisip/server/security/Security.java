package org.minisip.server.security;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.minisip.server.config.SecurityConfig;
import org.minisip.server.store.StoreWriter;
import org.minisip.sip.stack.InputLimits;

/**
 * The server's security components built from the {@code security:} config: ban list (persisted in
 * {@code security/bans.json}), fail-to-ban counter, flood limiter and the stack guard.
 */
public final class Security {
    private final BanList bans;
    private final FailToBan failToBan;
    private final FloodLimiter flood;
    private final SipGuard guard;
    private final InputLimits limits;

    private Security(BanList bans, FailToBan failToBan, FloodLimiter flood, SipGuard guard, InputLimits limits) {
        this.bans = bans;
        this.failToBan = failToBan;
        this.flood = flood;
        this.guard = guard;
        this.limits = limits;
    }

    public static Security create(SecurityConfig c, Path dataDir, Clock clock, StoreWriter store) {
        BanList bans = new BanList(clock, dataDir.resolve("security").resolve("bans.json"), store);
        bans.load();
        Duration banFor = Duration.ofSeconds(c.banSeconds());
        FloodLimiter flood = new FloodLimiter(c.floodRequests(), Duration.ofSeconds(c.floodWindowSeconds()), clock);
        FailToBan f2b = new FailToBan(c.maxFailures(), Duration.ofSeconds(c.failureWindowSeconds()), banFor,
                c.whitelist(), bans, clock);
        SipGuard guard = new SipGuard(c.whitelist(), c.blacklist(), bans, flood, c.scannerUserAgents(), banFor);
        SecurityConfig.Limits l = c.limits();
        InputLimits limits = new InputLimits(l.maxMessageBytes(), l.maxHeaders(), l.maxLineBytes(),
                l.maxConnectionsPerIp(), l.idleSeconds());
        return new Security(bans, f2b, flood, guard, limits);
    }

    public BanList bans() { return bans; }
    public FailToBan failToBan() { return failToBan; }
    public SipGuard guard() { return guard; }
    public InputLimits limits() { return limits; }

    /** Forgets expired bans and finished counting windows; run periodically off the SIP threads. */
    public void purge() {
        bans.purge();
        failToBan.purge();
        flood.purge();
    }
}
