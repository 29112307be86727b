package org.minisip.server.config;

import java.util.List;
import org.minisip.server.security.CallRule;
import org.minisip.server.security.IpList;

/**
 * The {@code security:} section of {@code server.yaml}, validated. Every part is on by default.
 *
 * @param maxFailures           failed authentications from one address ({@code fail2ban.max-failures}) ...
 * @param failureWindowSeconds  ... within this many seconds ({@code fail2ban.window-seconds}) ...
 * @param banSeconds            ... ban it this long ({@code fail2ban.ban-seconds}); 0 turns fail-to-ban off
 * @param floodRequests         requests one address may send per {@code floodWindowSeconds} (pike-style); 0 = off
 * @param whitelist             never banned, never flood-limited (an FXS gateway with many accounts)
 * @param blacklist             every message dropped
 * @param scannerUserAgents     User-Agent substrings (case-insensitive) whose requests are dropped and banned
 * @param callBlacklist         caller/called rules answered with 403
 * @param tlsReloadSeconds      how often {@code tls/server.crt}/{@code server.key} are checked for replacement
 */
public record SecurityConfig(int maxFailures, int failureWindowSeconds, int banSeconds, int floodRequests,
                             int floodWindowSeconds, IpList whitelist, IpList blacklist,
                             List<String> scannerUserAgents, List<CallRule> callBlacklist, Limits limits,
                             int tlsReloadSeconds) {

    /** Scanner User-Agents dropped by default (as Kamailio/Asterisk deployments commonly block). */
    public static final List<String> DEFAULT_SCANNERS = List.of("friendly-scanner", "sipvicious", "sipcli",
            "sip-scan", "sipscan", "iwar", "sivus", "sundayddr", "vaxsipuseragent", "smap", "pplsip");

    /** Input limits ({@code security.limits}). */
    public record Limits(int maxMessageBytes, int maxHeaders, int maxLineBytes, int maxConnectionsPerIp,
                         int idleSeconds) {
    }

    public SecurityConfig {
        scannerUserAgents = List.copyOf(scannerUserAgents);
        callBlacklist = List.copyOf(callBlacklist);
    }

    public static SecurityConfig defaults() {
        return new SecurityConfig(5, 60, 3600, 400, 2, IpList.EMPTY, IpList.EMPTY, DEFAULT_SCANNERS, List.of(),
                new Limits(65536, 256, 8192, 64, 900), 30);
    }
}
