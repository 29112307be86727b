package org.minisip.server.trunk;

import gov.nist.javax.sip.stack.HopImpl;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.address.Hop;
import javax.sip.message.Request;
import org.minisip.server.config.TrunkConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured trunks: number analysis for outbound calls (longest {@code outbound-prefix} wins), recognition
 * of calls arriving from a trunk by source address (registrar or gateway address, every address its name resolves
 * to), and the next hop of requests sent to a trunk (a {@code tel:} Request-URI has no host to route on).
 * Thread-safe; DNS lookups happen only in {@link #resolve}, never on SIP threads.
 */
public final class Trunks {
    private static final Logger LOG = LoggerFactory.getLogger(Trunks.class);
    private static final Duration ROUTE_TTL = Duration.ofHours(2);
    private final List<TrunkConfig> trunks;
    private final Clock clock;
    private final Map<String, List<InetAddress>> addresses = new ConcurrentHashMap<>();
    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    private record Route(String requestUri, Hop hop, Instant created) {
    }

    public Trunks(List<TrunkConfig> trunks, Clock clock) {
        this.trunks = List.copyOf(trunks);
        this.clock = clock;
        for (TrunkConfig t : trunks) {
            resolve(t);
        }
    }

    public List<TrunkConfig> all() {
        return trunks;
    }

    /** Looks up the trunk's host again (blocking DNS: call from a timer thread, never a SIP thread). */
    public void resolve(TrunkConfig t) {
        try {
            addresses.put(t.name(), List.of(InetAddress.getAllByName(t.host())));
        } catch (UnknownHostException e) {
            LOG.warn("trunk {}: cannot resolve {}: {}", t.name(), t.host(), e.getMessage());
        }
    }

    /** The trunk whose outbound prefix is the longest one {@code dialled} starts with, and the number it gets. */
    public Optional<OutboundTarget> outbound(String dialled) {
        if (dialled == null) {
            return Optional.empty();
        }
        return trunks.stream()
                .filter(t -> t.outboundPrefix() != null && dialled.startsWith(t.outboundPrefix())
                        && dialled.length() > t.outboundPrefix().length())
                .max(Comparator.comparingInt(t -> t.outboundPrefix().length()))
                .map(t -> new OutboundTarget(t, dialled, dialled.substring(t.outboundPrefix().length())));
    }

    /** The trunk a request from {@code sourceIp} belongs to, if any (matched on address, any port). */
    public Optional<TrunkConfig> from(String sourceIp) {
        InetAddress src;
        try {
            src = InetAddress.getByName(sourceIp); // an IP literal from the transport: no DNS
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return trunks.stream().filter(t -> addresses.getOrDefault(t.name(), List.of()).contains(src)).findFirst();
    }

    /** Remembers that requests of {@code callId} with this Request-URI go to {@code trunk} (INVITE, CANCEL). */
    public void route(String callId, String requestUri, TrunkConfig trunk) {
        Instant now = clock.instant();
        routes.values().removeIf(r -> r.created().plus(ROUTE_TTL).isBefore(now));
        // an address looked up on the timer thread, so sending never resolves a name on a SIP thread
        String host = addresses.getOrDefault(trunk.name(), List.of()).stream().findFirst()
                .map(InetAddress::getHostAddress).orElse(trunk.host());
        routes.put(callId, new Route(requestUri, new HopImpl(host, trunk.port(), trunk.transport()), now));
    }

    public void forget(String callId) {
        routes.remove(callId);
    }

    /** Next hop for a request the server sends; empty unless it is a request to a trunk remembered by {@link #route}. */
    public Optional<Hop> nextHop(Request request) {
        javax.sip.header.CallIdHeader cid = (javax.sip.header.CallIdHeader) request.getHeader("Call-ID");
        Route r = cid == null ? null : routes.get(cid.getCallId());
        if (r == null || !r.requestUri().equals(request.getRequestURI().toString())) {
            return Optional.empty();
        }
        return Optional.of(r.hop());
    }
}
