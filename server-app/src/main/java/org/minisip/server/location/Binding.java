package org.minisip.server.location;

import java.time.Instant;
import org.minisip.sip.stack.Transport;

/**
 * One registered contact of an address-of-record (RFC 3261 §10.3).
 *
 * @param contactUri   the Contact URI as the phone sent it (becomes the Request-URI of requests to it)
 * @param sourceHost   address the REGISTER came from (NAT-safe next hop)
 * @param sourcePort   port the REGISTER came from; for TCP/TLS the phone's side of its connection
 * @param transport    transport the REGISTER arrived on; requests go back over the same flow
 * @param callId       Call-ID of the REGISTER, with {@code cseq} for ordering refreshes (§10.3 step 7)
 * @param registeredAt first registration of this contact; {@code expiresAt} is refreshed by each REGISTER
 */
public record Binding(String aor, String contactUri, String sourceHost, int sourcePort, Transport transport,
                      String callId, long cseq, Instant registeredAt, Instant expiresAt, String userAgent) {

    public boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }

    public long secondsLeft(Instant now) {
        return Math.max(0, expiresAt.getEpochSecond() - now.getEpochSecond());
    }
}
