package org.minisip.server.security;

import gov.nist.javax.sip.header.SIPHeader;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.header.Header;
import javax.sip.message.Request;
import org.minisip.sip.stack.InboundGuard;
import org.minisip.sip.stack.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's inbound policy, asked by the SIP stack before anything is answered, on every transport:
 * blacklisted and banned sources are dropped silently (datagrams before parsing, connections at accept);
 * requests over the per-address flood limit are dropped; requests from scanner User-Agents are dropped and
 * their source banned; requests whose top Via names another transport than the one they arrived on are dropped
 * (their answers would otherwise make the server open connections on demand). Whitelisted sources are never banned nor flood-limited. Never blocks.
 */
public final class SipGuard implements InboundGuard {
    private static final Logger LOG = LoggerFactory.getLogger(SipGuard.class);

    /** Drop counters by reason (for the operator view and tests). */
    public record Counters(long blacklisted, long banned, long flood, long scanner) {
    }

    private final IpList whitelist;
    private final IpList blacklist;
    private final BanList bans;
    private final FloodLimiter flood;
    private final List<String> scanners;
    private final Duration banFor;
    private final AtomicLong droppedBlacklisted = new AtomicLong();
    private final AtomicLong droppedBanned = new AtomicLong();
    private final AtomicLong droppedFlood = new AtomicLong();
    private final AtomicLong droppedScanner = new AtomicLong();

    public SipGuard(IpList whitelist, IpList blacklist, BanList bans, FloodLimiter flood, List<String> scanners,
                    Duration banFor) {
        this.whitelist = whitelist;
        this.blacklist = blacklist;
        this.bans = bans;
        this.flood = flood;
        this.scanners = scanners.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        this.banFor = banFor;
    }

    @Override
    public boolean admitSource(InetAddress source) {
        if (blacklist.contains(source)) {
            droppedBlacklisted.incrementAndGet();
            return false;
        }
        if (bans.isBanned(source)) {
            droppedBanned.incrementAndGet();
            return false;
        }
        return true;
    }

    @Override
    public boolean admitRequest(Request request, InetAddress source, Transport transport) {
        if (!admitSource(source)) {
            return false;
        }
        javax.sip.header.ViaHeader via = (javax.sip.header.ViaHeader) request.getHeader("Via");
        if (via != null && !transport.token().equalsIgnoreCase(via.getTransport())) {
            // a request whose top Via names another transport than the one it came on would have its answer
            // sent there (RFC 3261 §18.2.2): a UDP datagram claiming TCP makes us connect out on demand
            LOG.debug("dropped {} from {}: arrived over {} but Via says {}", request.getMethod(),
                    source.getHostAddress(), transport.token(), via.getTransport());
            return false;
        }
        boolean trusted = whitelist.contains(source);
        String scanner = scanner(request);
        if (scanner != null) {
            droppedScanner.incrementAndGet();
            if (!trusted && !banFor.isZero()) {
                bans.ban(source, banFor, "scanner User-Agent '" + scanner + "' (" + request.getMethod() + " over "
                        + transport.token() + ")");
            } else {
                LOG.info("dropped {} from {} with scanner User-Agent '{}'", request.getMethod(),
                        source.getHostAddress(), scanner);
            }
            return false;
        }
        if (!trusted && !flood.allow(source)) {
            droppedFlood.incrementAndGet();
            return false;
        }
        return true;
    }

    @Override
    public void connectionRefused(InetAddress source, int open) {
        LOG.debug("refused a connection from {}: {} already open", source.getHostAddress(), open);
    }

    /** The User-Agent text when it names a scanner, else null. */
    private String scanner(Request request) {
        if (scanners.isEmpty()) {
            return null;
        }
        Header h = request.getHeader("User-Agent");
        String ua = h instanceof SIPHeader sh ? sh.getHeaderValue() : null;
        if (ua == null) {
            return null;
        }
        String lower = ua.toLowerCase(Locale.ROOT);
        for (String s : scanners) {
            if (lower.contains(s)) {
                return ua.trim();
            }
        }
        return null;
    }

    public Counters counters() {
        return new Counters(droppedBlacklisted.get(), droppedBanned.get(), droppedFlood.get(), droppedScanner.get());
    }
}
