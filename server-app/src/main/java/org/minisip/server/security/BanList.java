package org.minisip.server.security;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.minisip.server.store.JsonRows;
import org.minisip.server.store.StoreWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Banned source addresses with expiry and reason. Thread-safe; lookups are one hash probe (they run for every
 * datagram). Every ban and lift is logged with its reason; the list is persisted to {@code security/bans.json}
 * in the data dir (atomically, off the SIP threads) so a restart does not pardon a scanner.
 */
public final class BanList {
    private static final Logger LOG = LoggerFactory.getLogger(BanList.class);

    /** One ban: {@code address} is the textual IP as Java prints it. */
    public record Ban(String address, Instant since, Instant until, String reason) {
    }

    private final Map<String, Ban> bans = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Path file;
    private final StoreWriter store;

    /** {@code file} and {@code store} may be null (no persistence). */
    public BanList(Clock clock, Path file, StoreWriter store) {
        this.clock = clock;
        this.file = file;
        this.store = store;
    }

    public boolean isBanned(InetAddress a) {
        Ban b = bans.get(a.getHostAddress());
        if (b == null) {
            return false;
        }
        if (!b.until().isAfter(clock.instant())) {
            if (bans.remove(b.address(), b)) {
                LOG.info("ban on {} expired", b.address());
                persist();
            }
            return false;
        }
        return true;
    }

    public void ban(InetAddress a, Duration d, String reason) {
        Instant now = clock.instant();
        Ban b = new Ban(a.getHostAddress(), now, now.plus(d), reason);
        if (bans.put(b.address(), b) == null) {
            LOG.warn("banned {} for {} s: {}", b.address(), d.toSeconds(), reason);
        }
        persist();
    }

    /** Lifts the ban on {@code address} (any textual form of the IP); returns the lifted ban. */
    public Optional<Ban> lift(String address) {
        String key;
        try {
            IpRange r = IpRange.parse(address);
            if (r.prefix() != r.network().length * 8) {
                return Optional.empty();
            }
            key = InetAddress.getByAddress(r.network()).getHostAddress();
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
        Ban b = bans.remove(key);
        if (b != null) {
            LOG.warn("ban on {} lifted by the operator (was: {})", key, b.reason());
            persist();
        }
        return Optional.ofNullable(b);
    }

    /** Current bans, soonest expiry first. */
    public List<Ban> list() {
        Instant now = clock.instant();
        return bans.values().stream().filter(b -> b.until().isAfter(now))
                .sorted(Comparator.comparing(Ban::until)).toList();
    }

    /** Drops expired bans; called periodically. */
    public void purge() {
        Instant now = clock.instant();
        if (bans.values().removeIf(b -> !b.until().isAfter(now))) {
            persist();
        }
    }

    /**
     * Loads bans saved by a previous run (expired ones are skipped); a damaged file is logged and moved aside
     * ({@link JsonRows}).
     */
    public void load() {
        Instant now = clock.instant();
        JsonRows.read(file, r -> {
            Ban b = new Ban(r.get("address"), Instant.parse(r.get("since")), Instant.parse(r.get("until")),
                    r.get("reason"));
            if (b.until().isAfter(now)) {
                bans.put(b.address(), b);
            }
        });
        if (!bans.isEmpty()) {
            LOG.info("{} ban(s) still active from the previous run", bans.size());
        }
    }

    private void persist() {
        if (file != null && store != null) {
            store.save(file, this::snapshot);
        }
    }

    private byte[] snapshot() {
        List<Map<String, String>> rows = list().stream().map(b -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("address", b.address());
            m.put("since", b.since().toString());
            m.put("until", b.until().toString());
            m.put("reason", b.reason());
            return m;
        }).toList();
        return JsonRows.bytes(rows);
    }
}
